package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.downstream.Forwarder;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Methods that name no listed item and are not authorized (resource templates, completions) go
 * unchanged to the first server, in config order, that declares the capability.
 */
public final class PassthroughHandler implements MethodHandler {
    private final DownstreamRouter router;
    private final Forwarder forwarder;
    private final String capability;

    public PassthroughHandler(DownstreamRouter router, Forwarder forwarder, String capability) {
        this.router = router;
        this.forwarder = forwarder;
        this.capability = capability;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        return router.firstWithCapability(capability)
                .map(client -> forwarder.forward(client, call.method(), call.params(), call.notifications()))
                .orElseGet(() -> Future.failedFuture(new RpcException(ErrorCodes.METHOD_NOT_FOUND,
                        "Method not found: no tool server behind the gateway offers " + capability)));
    }
}
