package dev.mcpgw.policy.ratelimit;

/**
 * The calls already counted against rate limit counters: the decision stream's state, handed to
 * the engine so that the engine stays a pure function of intent, policy and state.
 */
@FunctionalInterface
public interface RateCounts {
    /** No calls counted yet: for dry runs and lint, never for the stream. */
    RateCounts NONE = key -> 0;

    long count(String counterKey);
}
