package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Answers server/discover, the 2026-07-28 replacement of the handshake: every revision the
 * gateway speaks, and the same capabilities initialize declares. The gateway's identity is added
 * to the result's {@code _meta} by the stateless transport, as on every 2026 result.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">Versioning</a>
 */
public final class DiscoverHandler implements MethodHandler {
    private final DownstreamRouter router;

    public DiscoverHandler(DownstreamRouter router) {
        this.router = router;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        return Future.succeededFuture(new JsonObject()
                .put("supportedVersions", new JsonArray(ProtocolVersions.ALL))
                .put("capabilities", GatewayCapabilities.ofStateless(router)));
    }
}
