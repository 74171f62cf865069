package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.mcp.method.McpCall;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * What the transport knows about a request besides its message, for policy conditions on
 * {@code context.*}: the client's address as this edge saw it (a proxy in front would have to be
 * trusted before its forwarding headers could be), and the User-Agent when sent.
 */
final class RequestContext {
    private RequestContext() {
    }

    static Map<String, String> of(RoutingContext ctx) {
        Map<String, String> context = new HashMap<>();
        SocketAddress remote = ctx.request().remoteAddress();
        if (remote != null && remote.hostAddress() != null) {
            context.put("sourceIp", remote.hostAddress());
        }
        String userAgent = ctx.request().getHeader("User-Agent");
        if (userAgent != null) {
            context.put("userAgent", userAgent);
        }
        return Map.copyOf(context);
    }

    /** The W3C trace context of the HTTP request, as far as it is well formed (see {@link McpCall.TraceContext#of}). */
    static McpCall.TraceContext traceOf(RoutingContext ctx) {
        return McpCall.TraceContext.of(ctx.request().getHeader("traceparent"), ctx.request().getHeader("tracestate"));
    }
}
