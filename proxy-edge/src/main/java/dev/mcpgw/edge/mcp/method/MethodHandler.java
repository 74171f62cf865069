package dev.mcpgw.edge.mcp.method;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Answers one MCP method; a failed future carrying an RpcException becomes a JSON-RPC error. */
@FunctionalInterface
public interface MethodHandler {
    Future<JsonObject> handle(McpCall call);
}
