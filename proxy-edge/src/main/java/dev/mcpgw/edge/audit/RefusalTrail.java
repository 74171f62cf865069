package dev.mcpgw.edge.audit;

import dev.mcpgw.schemas.Refusal;
import dev.mcpgw.schemas.RefusalKind;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The refusals the edge records on gateway.audit (refused credentials, malformed requests, refused
 * authorizations), aggregated so that a flood cannot fill the trail: the first refusal of a (kind,
 * source, reason) in a window is recorded at once with count 1, the window's further ones as one
 * record with their count when it closes. At most {@link #MAX_KINDS} are kept itemised per window;
 * beyond them refusals are counted into one record per kind from source "*". So a window writes
 * at most 2 x MAX_KINDS + 3 records, whatever comes. No record holds a credential or arguments:
 * where the request came from, what was refused and why. Event loop only.
 */
public final class RefusalTrail {
    static final int MAX_KINDS = 1000;
    static final String OTHER_SOURCES = "*";

    private record Key(RefusalKind kind, String source, String reason) {
    }

    private static final class Tally {
        private final String agent;
        private final long firstAt;
        private long lastAt;
        private long more;

        private Tally(String agent, long at) {
            this.agent = agent;
            this.firstAt = at;
            this.lastAt = at;
        }
    }

    private final String edge;
    private final Clock clock;
    private final Consumer<Refusal> writer;
    private final Map<Key, Tally> window = new LinkedHashMap<>();
    private final Map<RefusalKind, Tally> notItemised = new LinkedHashMap<>();

    /** {@code writer} sends each record; {@code edge} names this instance in them. */
    public RefusalTrail(String edge, Clock clock, Consumer<Refusal> writer) {
        this.edge = edge;
        this.clock = clock;
        this.writer = writer;
    }

    /** A refusal from {@code source} (the TCP peer), of {@code agent} when it was authenticated (else null). */
    public void refused(RefusalKind kind, String source, String reason, String agent) {
        long now = clock.millis();
        Key key = new Key(kind, source == null ? "unknown" : source, reason);
        Tally seen = window.get(key);
        if (seen != null) {
            seen.more++;
            seen.lastAt = now;
        } else if (window.size() < MAX_KINDS) {
            window.put(key, new Tally(agent, now));
            write(key, agent, 1, now, now);
        } else {
            Tally other = notItemised.computeIfAbsent(kind, k -> new Tally(null, now));
            other.more++;
            other.lastAt = now;
        }
    }

    /** Closes the window: one record per kind refused again since its first, and one per kind for the refusals not itemised. */
    public void closeWindow() {
        window.forEach((key, tally) -> {
            if (tally.more > 0) {
                write(key, tally.agent, tally.more, tally.firstAt, tally.lastAt);
            }
        });
        notItemised.forEach((kind, tally) -> write(new Key(kind, OTHER_SOURCES, "more than " + MAX_KINDS + " kinds in one window"),
                null, tally.more, tally.firstAt, tally.lastAt));
        window.clear();
        notItemised.clear();
    }

    private void write(Key key, String agent, long count, long firstAt, long lastAt) {
        writer.accept(Refusal.newBuilder().setKind(key.kind()).setSource(key.source()).setReason(key.reason()).setAgent(agent)
                .setCount(count).setFirstAt(firstAt).setLastAt(lastAt).setEdge(edge).build());
    }
}
