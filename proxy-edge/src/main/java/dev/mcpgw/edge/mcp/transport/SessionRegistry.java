package dev.mcpgw.edge.mcp.transport;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Open sessions by id. Ids are 128 random bits, and a session is found only by the agent that
 * opened it, so another agent's key cannot ride on a leaked session id. Finding a session is using
 * it; a session left unused for the idle timeout is ended by {@link #endIdle}, as most clients
 * never end theirs.
 */
public final class SessionRegistry {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, McpSession> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final LongSupplier nanoClock;

    /** {@code nanoClock} tells elapsed time, as {@link System#nanoTime} does. */
    public SessionRegistry(Duration idleTimeout, LongSupplier nanoClock) {
        this.idleTimeout = idleTimeout;
        this.nanoClock = nanoClock;
    }

    public McpSession open(String agentId, String protocolVersion, JsonObject clientCapabilities) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        McpSession session = new McpSession(HexFormat.of().formatHex(id), agentId, protocolVersion, clientCapabilities, nanoClock);
        sessions.put(session.id(), session);
        return session;
    }

    public Optional<McpSession> find(String id, String agentId) {
        Optional<McpSession> found = Optional.ofNullable(id == null ? null : sessions.get(id)).filter(s -> s.agentId().equals(agentId));
        found.ifPresent(McpSession::touch);
        return found;
    }

    /** Ends every session unused for longer than the idle timeout; its client's next request gets 404 and initializes anew. */
    public void endIdle() {
        for (McpSession session : List.copyOf(sessions.values())) {
            if (session.idleLongerThan(idleTimeout)) {
                close(session);
            }
        }
    }

    /**
     * Ends the agent's session that was used least recently and is not in use now (nothing in
     * flight, no stream open), to make room for the agent's next one; false when every one of its
     * sessions is in use. Clients that never end their sessions (a command-line run per call) thus
     * never meet the cap, while one agent still holds no more than its cap.
     */
    public boolean endLeastRecentlyUsed(String agentId) {
        Optional<McpSession> oldest = sessions.values().stream()
                .filter(s -> s.agentId().equals(agentId) && !s.isBusy())
                .min(Comparator.comparingLong(McpSession::lastActiveNanos));
        oldest.ifPresent(this::close);
        return oldest.isPresent();
    }

    public void close(McpSession session) {
        if (sessions.remove(session.id()) != null) {
            session.closed();
        }
    }

    public int size() {
        return sessions.size();
    }
}
