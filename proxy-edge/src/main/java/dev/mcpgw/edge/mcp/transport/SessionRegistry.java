package dev.mcpgw.edge.mcp.transport;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open sessions by id. Ids are 128 random bits, and a session is found only by the agent that
 * opened it, so another agent's key cannot ride on a leaked session id.
 */
public final class SessionRegistry {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, McpSession> sessions = new ConcurrentHashMap<>();

    public McpSession open(String agentId, String protocolVersion, JsonObject clientCapabilities) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        McpSession session = new McpSession(HexFormat.of().formatHex(id), agentId, protocolVersion, clientCapabilities);
        sessions.put(session.id(), session);
        return session;
    }

    public Optional<McpSession> find(String id, String agentId) {
        return Optional.ofNullable(id == null ? null : sessions.get(id)).filter(s -> s.agentId().equals(agentId));
    }

    public void close(McpSession session) {
        sessions.remove(session.id());
        session.closed();
    }

    public int size() {
        return sessions.size();
    }
}
