package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.LoggingLevels;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code logging/setLevel} sets the level of the client's own session, never a server's: the
 * downstream sessions are shared by every client, so one client's level must not change what
 * another's calls carry. The servers log at debug (set once at start) and the session passes on
 * only the messages at or above its level (see SessionTransport).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging">Logging</a>
 */
public final class LoggingLevelHandler implements MethodHandler {
    private final DownstreamRouter router;
    private final String capability;

    public LoggingLevelHandler(DownstreamRouter router, String capability) {
        this.router = router;
        this.capability = capability;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        if (router.allWithCapability(capability, call.era()).isEmpty()) {
            throw new RpcException(ErrorCodes.METHOD_NOT_FOUND, "Method not found: no tool server behind the gateway offers " + capability);
        }
        if (!(call.paramsOrEmpty().getValue("level") instanceof String level) || !LoggingLevels.isLevel(level)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: level must be one of debug, info, notice, warning, error, "
                    + "critical, alert, emergency");
        }
        return Future.succeededFuture(new JsonObject());
    }
}
