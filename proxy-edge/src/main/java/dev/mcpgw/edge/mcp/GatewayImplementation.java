package dev.mcpgw.edge.mcp;

import io.vertx.core.json.JsonObject;

/**
 * How the gateway names itself in MCP: {@code serverInfo} to its clients, {@code clientInfo} to
 * the tool servers behind it.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/schema#implementation">Implementation</a>
 */
public final class GatewayImplementation {
    private GatewayImplementation() {
    }

    /** A fresh object each time: callers put it into messages that may be changed later. */
    public static JsonObject info() {
        return new JsonObject().put("name", "mcp-authorization-gateway").put("version", "0.1.0");
    }
}
