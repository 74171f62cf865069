package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.mcp.GatewayImplementation;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Answers initialize with the negotiated revision and the capabilities of the servers behind the
 * gateway: tools always, and resources, prompts, completions and logging when a server has them.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#initialization">Lifecycle, Initialization</a>
 */
public final class InitializeHandler implements MethodHandler {
    private static final List<String> PASSED_THROUGH_CAPABILITIES = List.of("resources", "prompts", "completions", "logging");

    private final DownstreamRouter router;

    public InitializeHandler(DownstreamRouter router) {
        this.router = router;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        String version = ProtocolVersions.negotiate(call.paramsOrEmpty().getString("protocolVersion"));
        JsonObject capabilities = new JsonObject().put("tools", new JsonObject().put("listChanged", true));
        for (String capability : PASSED_THROUGH_CAPABILITIES) {
            router.firstWithCapability(capability).ifPresent(client ->
                    capabilities.put(capability, client.initializeResult().getJsonObject("capabilities").getValue(capability)));
        }
        return Future.succeededFuture(new JsonObject()
                .put("protocolVersion", version)
                .put("capabilities", capabilities)
                .put("serverInfo", GatewayImplementation.info()));
    }
}
