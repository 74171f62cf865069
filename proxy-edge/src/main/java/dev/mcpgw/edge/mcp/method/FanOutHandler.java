package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.DownstreamClient;
import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A request that concerns every server with a capability ({@code logging/setLevel}): sent to each,
 * answered with an empty result once all have answered, or the first error.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging">Logging</a>
 */
public final class FanOutHandler implements MethodHandler {
    private final DownstreamRouter router;
    private final String capability;

    public FanOutHandler(DownstreamRouter router, String capability) {
        this.router = router;
        this.capability = capability;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        List<DownstreamClient> targets = router.allWithCapability(capability);
        if (targets.isEmpty()) {
            return Future.failedFuture(new RpcException(ErrorCodes.METHOD_NOT_FOUND,
                    "Method not found: no tool server behind the gateway offers " + capability));
        }
        return Future.all(targets.stream().map(c -> c.request(call.method(), call.params())).toList()).map(all -> new JsonObject());
    }
}
