package dev.mcpgw.edge.audit;

import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.mcp.transport.AuthenticationHandler;
import dev.mcpgw.schemas.RefusalKind;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Puts on the refusal trail every MCP request the edge answers with a client-error status other
 * than an authentication refusal (which has its own reasons) or an agent's cap (429, counted by
 * the caps): bad JSON or JSON-RPC, a foreign origin, an unknown session, a body too large, a wrong
 * media type. Watching the status as the reply goes out covers every path that refuses, present and future.
 */
public final class MalformedRequests implements Handler<RoutingContext> {
    private static final Set<Integer> MALFORMED = Set.of(400, 403, 404, 405, 406, 409, 413, 415);

    private final RefusalTrail trail;

    public MalformedRequests(RefusalTrail trail) {
        this.trail = trail;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            int status = ctx.response().getStatusCode();
            if (MALFORMED.contains(status)) {
                Agent agent = ctx.get(AuthenticationHandler.AGENT);
                trail.refused(RefusalKind.MALFORMED_REQUEST, ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress(),
                        "http-" + status, agent == null ? null : agent.id());
            }
        });
        ctx.next();
    }
}
