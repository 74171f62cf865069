package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.mcp.ErrorCodes;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Refuses browser requests from origins that are neither loopback nor configured (403), against
 * DNS rebinding. Requests without an Origin header (non-browser clients) pass.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning">Transports, Security warning</a>
 */
public final class OriginHandler implements Handler<RoutingContext> {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private final List<String> allowedOrigins;

    public OriginHandler(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null || allowedOrigins.contains(origin) || isLoopback(origin)) {
            ctx.next();
        } else {
            HttpReplies.error(ctx, 403, null, ErrorCodes.INVALID_REQUEST, "Forbidden: origin " + origin + " is not allowed");
        }
    }

    private static boolean isLoopback(String origin) {
        try {
            String host = URI.create(origin).getHost();
            return host != null && LOOPBACK.contains(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
