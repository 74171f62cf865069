package dev.mcpgw.edge.limits;

import java.time.Duration;

/**
 * What one agent may hold open at a time, so that no agent can starve the others, and how long a
 * session may sit unused before the edge ends it. The defaults are far above what a client needs.
 *
 * @param sessions           open sessions (session-era clients)
 * @param streams            open streams: a session's GET stream, a 2026-07-28 subscriptions/listen
 * @param callsInFlight      requests the edge is working on for the agent, in either era
 * @param sessionIdleTimeout how long a session with no request in flight and no open stream lives after its last request
 */
public record AgentCaps(int sessions, int streams, int callsInFlight, Duration sessionIdleTimeout) {
    public static final AgentCaps DEFAULTS = new AgentCaps(16, 8, 64, Duration.ofMinutes(30));

    public AgentCaps {
        if (sessions <= 0 || streams <= 0 || callsInFlight <= 0) {
            throw new IllegalArgumentException("limits.sessionsPerAgent, limits.streamsPerAgent and limits.callsInFlightPerAgent must be positive");
        }
        if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
            throw new IllegalArgumentException("limits.sessionIdleTimeoutMs must be positive");
        }
    }
}
