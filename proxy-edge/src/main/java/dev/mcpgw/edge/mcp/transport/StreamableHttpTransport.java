package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.limits.AgentQuotas;
import dev.mcpgw.edge.limits.MessageLimits;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.McpHeaders;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.method.MethodDispatcher;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The client-facing Streamable HTTP endpoint, one for every revision: each POST is checked for
 * what both eras require, then handed to the stateless (2026-07-28) or the session era's rules.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#backward-compatibility">Backward Compatibility</a>
 */
public final class StreamableHttpTransport {
    private final SessionTransport sessionEra;
    private final StatelessTransport statelessEra;
    private final MessageLimits limits;

    /**
     * Each era is given the methods it defines; 2026-07-28 clients also listen for changes on
     * {@code listens}, each resource subscription a listen names decided by
     * {@code listenSubscriptions} (resources/subscribe, as a session's). Every message is held to
     * {@code limits} before either era sees it, and each agent's sessions, streams and requests in flight to its {@code quotas}. 2026-07-28
     * clients may cache the gateway's lists for {@code listCacheTtl}. A session that subscribes to a
     * resource holds its updates through {@code resourceHolds} until it unsubscribes or ends.
     */
    public StreamableHttpTransport(SessionRegistry sessions, MethodDispatcher sessionMethods, MethodDispatcher statelessMethods,
                                   MethodDispatcher listenSubscriptions, ListenStreams listens, MessageLimits limits, AgentQuotas quotas,
                                   Duration listCacheTtl, Function<String, Runnable> resourceHolds) {
        this.sessionEra = new SessionTransport(sessions, sessionMethods, listens, quotas, resourceHolds);
        this.statelessEra = new StatelessTransport(statelessMethods, listenSubscriptions, listens, quotas, new StatelessResults(listCacheTtl));
        this.limits = limits;
    }

    public void handlePost(RoutingContext ctx) {
        if (!headerContains(ctx, "Content-Type", "application/json")) {
            HttpReplies.error(ctx, 415, null, ErrorCodes.INVALID_REQUEST, "Unsupported Media Type: Content-Type must be application/json");
            return;
        }
        if (!acceptsJson(ctx)) {
            HttpReplies.error(ctx, 406, null, ErrorCodes.INVALID_REQUEST, "Not Acceptable: Accept must allow application/json and text/event-stream");
            return;
        }
        Agent agent = ctx.get(AuthenticationHandler.AGENT);
        Object body;
        try {
            body = JsonRpc.decode(ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer());
        } catch (RpcException e) {
            HttpReplies.json(ctx, 400, JsonRpc.error(null, e));
            return;
        }
        Optional<Object> withinLimits = withinLimits(ctx, body);
        if (withinLimits.isEmpty()) {
            return;
        }
        body = withinLimits.get();
        if (isStateless(ctx, body)) {
            statelessEra.handlePost(ctx, agent, (JsonObject) body);
        } else {
            sessionEra.handlePost(ctx, agent, body);
        }
    }

    /**
     * The message to go on with, or empty once a message over a limit has been answered: a request
     * with its error (HTTP 200, as any error of a method), a notification or a batch with 400. A
     * client's response over a limit goes on as an error in its place, so that the server's
     * request it answers ends at once rather than when its wait runs out.
     */
    private Optional<Object> withinLimits(RoutingContext ctx, Object body) {
        if (body instanceof JsonArray batch) {
            for (Object item : batch) {
                Optional<RpcException> over = item instanceof JsonObject message ? limits.check(message) : Optional.empty();
                if (over.isPresent()) {
                    HttpReplies.json(ctx, 400, JsonRpc.error(null, over.get()));
                    return Optional.empty();
                }
            }
            return Optional.of(body);
        }
        if (!(body instanceof JsonObject message)) {
            return Optional.of(body);
        }
        Optional<RpcException> over = limits.check(message);
        if (over.isEmpty()) {
            return Optional.of(body);
        }
        Object id = message.getValue("id") instanceof String || message.getValue("id") instanceof Number ? message.getValue("id") : null;
        if (JsonRpc.isResponse(message)) {
            return Optional.of(JsonRpc.error(id, over.get()));
        }
        HttpReplies.json(ctx, JsonRpc.isRequest(message) ? 200 : 400, JsonRpc.error(JsonRpc.isRequest(message) ? id : null, over.get()));
        return Optional.empty();
    }

    /** Ends a session; 2026-07-28 has none, so this is the session era's alone. */
    public void handleDelete(RoutingContext ctx) {
        sessionEra.handleDelete(ctx);
    }

    /** A session's standalone stream; 2026-07-28 has none (its clients use subscriptions/listen). */
    public void handleGet(RoutingContext ctx) {
        sessionEra.handleGet(ctx);
    }

    /**
     * A message is of the stateless era when its {@code _meta} names a revision, or when its header
     * names one that is no session-era revision: the stateless rules then refuse what the gateway
     * does not speak, with the list of what it does. Anything else (no header, a session-era
     * header, a batch) keeps the session era's rules, which treat a missing header as 2025-03-26.
     */
    private static boolean isStateless(RoutingContext ctx, Object body) {
        if (!(body instanceof JsonObject message)) {
            return false;
        }
        String header = ctx.request().getHeader(McpHeaders.PROTOCOL_VERSION);
        return ProtocolVersions.declaredBy(message) != null || (header != null && !ProtocolVersions.supports(header));
    }

    private static boolean acceptsJson(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept == null || accept.contains("application/json") || accept.contains("*/*") || accept.contains("application/*");
    }

    private static boolean headerContains(RoutingContext ctx, String header, String value) {
        String actual = ctx.request().getHeader(header);
        return actual != null && actual.toLowerCase().contains(value);
    }
}
