package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.identity.ApiKeyAuthenticator;
import dev.mcpgw.edge.mcp.ErrorCodes;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Runs before the MCP transport: a request without a valid API key gets 401 and is never parsed,
 * let alone proposed. The verified agent is put on the routing context for the handlers.
 */
public final class AuthenticationHandler implements Handler<RoutingContext> {
    public static final String AGENT = "mcpgw.agent";
    private final ApiKeyAuthenticator authenticator;

    public AuthenticationHandler(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<Agent> agent = authenticator.authenticate(ctx.request().getHeader("Authorization"));
        if (agent.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"mcp-gateway\"");
            HttpReplies.error(ctx, 401, null, ErrorCodes.UNAUTHORIZED,
                    "Unauthorized: send a valid API key as 'Authorization: Bearer <key>'");
            return;
        }
        ctx.put(AGENT, agent.get());
        ctx.next();
    }
}
