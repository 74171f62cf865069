package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.mcp.Cancellation;
import io.vertx.core.json.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A legacy-era client session: bound to the agent that opened it and to the negotiated revision,
 * with the requests it has in flight, so that the client's notifications/cancelled can reach them.
 */
public final class McpSession {
    private final String id;
    private final String agentId;
    private final String protocolVersion;
    private final Map<String, Cancellation> inFlight = new ConcurrentHashMap<>();

    McpSession(String id, String agentId, String protocolVersion) {
        this.id = id;
        this.agentId = agentId;
        this.protocolVersion = protocolVersion;
    }

    public String id() {
        return id;
    }

    public String agentId() {
        return agentId;
    }

    public String protocolVersion() {
        return protocolVersion;
    }

    /** A request starts: its cancellation is found by its JSON-RPC id until {@link #finished}. */
    Cancellation started(Object requestId) {
        Cancellation cancellation = new Cancellation();
        inFlight.put(key(requestId), cancellation);
        return cancellation;
    }

    void finished(Object requestId) {
        inFlight.remove(key(requestId));
    }

    /** The client's notifications/cancelled: an unknown or finished request is ignored, as the spec asks. */
    void cancel(Object requestId, String reason) {
        Cancellation cancellation = inFlight.remove(key(requestId));
        if (cancellation != null) {
            cancellation.cancel(reason);
        }
    }

    /** Ids compare as JSON values, so 7 and "7" are different requests. */
    private static String key(Object requestId) {
        return Json.encode(requestId);
    }
}
