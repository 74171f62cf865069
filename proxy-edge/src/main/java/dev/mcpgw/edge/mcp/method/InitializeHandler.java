package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.mcp.GatewayImplementation;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Answers initialize with the negotiated revision and the capabilities of the servers behind the
 * gateway: tools always, and resources, prompts, completions and logging when a server has them.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#initialization">Lifecycle, Initialization</a>
 */
public final class InitializeHandler implements MethodHandler {
    private final DownstreamRouter router;

    public InitializeHandler(DownstreamRouter router) {
        this.router = router;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        String version = ProtocolVersions.negotiate(call.paramsOrEmpty().getString("protocolVersion"));
        return Future.succeededFuture(new JsonObject()
                .put("protocolVersion", version)
                .put("capabilities", GatewayCapabilities.ofSession(router, version))
                .put("serverInfo", GatewayImplementation.info()));
    }
}
