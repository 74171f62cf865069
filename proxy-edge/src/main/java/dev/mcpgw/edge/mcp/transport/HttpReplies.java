package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.limits.AgentQuotas;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** The one way the edge writes a JSON(-RPC) body with an HTTP status. */
public final class HttpReplies {
    private HttpReplies() {
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Json.encode(body));
    }

    /** An agent over one of its caps: 429 with Retry-After, and the JSON-RPC error saying which cap. */
    public static void tooManyRequests(RoutingContext ctx, Object id, RpcException error) {
        ctx.response().putHeader("Retry-After", Integer.toString(AgentQuotas.RETRY_AFTER_SECONDS));
        json(ctx, 429, JsonRpc.error(id, error));
    }

    public static void error(RoutingContext ctx, int status, Object id, int code, String message) {
        json(ctx, status, JsonRpc.error(id, new RpcException(code, message)));
    }
}
