package dev.mcpgw.edge.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace every refused credential leaves: a count by method and reason (the edge's metric
 * {@code mcpgw_authentication_refused_total}), and a log line, aggregated per source so that a
 * flood of bad credentials cannot flood the log. The first refusal of a (source, method, reason)
 * in a window is logged at once; the window's further ones are logged as one line with their
 * count when the window closes. At most {@link #MAX_SOURCES} kinds are kept itemised per window;
 * beyond them refusals are only counted, and the window's summary says how many. No line names a
 * credential: only where it came from (the TCP peer), how and why it was refused. Only ever used
 * on the edge's event loop.
 */
public final class AuthenticationRefusals {
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationRefusals.class);
    static final int MAX_SOURCES = 1000;

    private record Kind(String source, AuthenticationRefusal refusal) {
    }

    private final BiConsumer<String, String> counter;
    private final BiConsumer<String, AuthenticationRefusal> trail;
    private final Map<Kind, Long> window = new LinkedHashMap<>();
    private long notItemised;

    /** {@code counter} takes each refusal's method and reason labels. */
    public AuthenticationRefusals(BiConsumer<String, String> counter) {
        this(counter, (source, refusal) -> { });
    }

    /** The same, each refusal also handed with its source to {@code trail} (the edge's audit topic, which aggregates on its own). */
    public AuthenticationRefusals(BiConsumer<String, String> counter, BiConsumer<String, AuthenticationRefusal> trail) {
        this.counter = counter;
        this.trail = trail;
    }

    public void refused(String source, AuthenticationRefusal refusal) {
        counter.accept(refusal.method().label(), refusal.reason());
        trail.accept(source, refusal);
        Kind kind = new Kind(source == null ? "unknown" : source, refusal);
        Long seen = window.get(kind);
        if (seen != null) {
            window.put(kind, seen + 1);
        } else if (window.size() < MAX_SOURCES) {
            window.put(kind, 0L);
            LOG.atWarn().addKeyValue("source", kind.source()).addKeyValue("method", refusal.method().label())
                    .addKeyValue("reason", refusal.reason())
                    .log("authentication refused from {}: {} ({})", kind.source(), refusal.reason(), refusal.method().label());
        } else {
            notItemised++;
        }
    }

    /** Closes the window: one line per kind refused again since its first line, and one for the refusals not itemised. */
    public void closeWindow() {
        window.forEach((kind, more) -> {
            if (more > 0) {
                LOG.atWarn().addKeyValue("source", kind.source()).addKeyValue("method", kind.refusal().method().label())
                        .addKeyValue("reason", kind.refusal().reason()).addKeyValue("count", more)
                        .log("authentication refused from {} {} more times: {} ({})", kind.source(), more, kind.refusal().reason(),
                                kind.refusal().method().label());
            }
        });
        if (notItemised > 0) {
            LOG.atWarn().addKeyValue("count", notItemised)
                    .log("authentication refused {} more times from further sources (more than {} kinds in one window)", notItemised, MAX_SOURCES);
        }
        window.clear();
        notItemised = 0;
    }
}
