package dev.mcpgw.edge.limits;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what each agent holds open against its {@link AgentCaps}: a slot is taken before the
 * work starts and given back when it ends, so one agent at its cap is refused while every other
 * agent goes on as before.
 */
public final class AgentQuotas {
    /** A refused client may try again this soon: a call in flight, the usual holder of a slot, lasts about that long. */
    public static final int RETRY_AFTER_SECONDS = 1;

    /** What is counted, with its config key and how a refusal names it. */
    public enum Kind {
        SESSIONS("sessionsPerAgent", "open sessions"),
        STREAMS("streamsPerAgent", "open streams"),
        CALLS("callsInFlightPerAgent", "requests in flight");

        private final String key;
        private final String what;

        Kind(String key, String what) {
            this.key = key;
            this.what = what;
        }
    }

    /** One slot held; giving it back twice gives it back once. */
    public static final class Slot {
        private final AtomicInteger count;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(AtomicInteger count) {
            this.count = count;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                count.decrementAndGet();
            }
        }
    }

    private final Map<Kind, Integer> caps;
    private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();

    public AgentQuotas(AgentCaps caps) {
        this.caps = Map.of(Kind.SESSIONS, caps.sessions(), Kind.STREAMS, caps.streams(), Kind.CALLS, caps.callsInFlight());
    }

    /** A slot of {@code kind} for the agent, or empty when it already holds as many as its cap. */
    public Optional<Slot> take(String agentId, Kind kind) {
        AtomicInteger count = held.computeIfAbsent(kind + "/" + agentId, k -> new AtomicInteger());
        int cap = caps.get(kind);
        if (count.incrementAndGet() > cap) {
            count.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(new Slot(count));
    }

    /** The error for an agent at its cap of {@code kind}: HTTP 429 with Retry-After, or this alone inside a batch. */
    public RpcException refusal(Kind kind) {
        int cap = caps.get(kind);
        return new RpcException(ErrorCodes.TOO_MANY_REQUESTS, "Too many requests: this agent already has " + cap + " " + kind.what
                + ", its most (limits." + kind.key + "); retry after " + RETRY_AFTER_SECONDS + " s",
                new JsonObject().put("limit", "limits." + kind.key).put("max", cap).put("retryAfterSeconds", RETRY_AFTER_SECONDS));
    }
}
