package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.GatewayImplementation;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The client half of the MCP initialize handshake, the same for every transport.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#initialization">Lifecycle, Initialization</a>
 */
final class Handshake {
    private Handshake() {
    }

    static Future<JsonObject> initialize(DownstreamClient client) {
        JsonObject params = new JsonObject()
                .put("protocolVersion", ProtocolVersions.LATEST_SESSION_ERA)
                .put("capabilities", new JsonObject())
                .put("clientInfo", GatewayImplementation.info());
        return client.request(McpMethods.INITIALIZE, params).map(result -> {
            client.notify(McpMethods.INITIALIZED, null);
            return result;
        });
    }
}
