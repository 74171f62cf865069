package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.limits.AgentQuotas;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.LoggingLevels;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.method.McpCall;
import dev.mcpgw.edge.mcp.method.MethodDispatcher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The stateless era (2026-07-28) of the client-facing transport: each POST is one request that
 * carries all it needs, so any edge instance answers it and none keeps anything between requests.
 * The answer is JSON, or an event stream when notifications for the request (progress, and log
 * messages if the request named a log level) go out first. Closing that stream before the answer
 * is the client's cancellation.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http">Streamable HTTP (2026-07-28)</a>
 */
final class StatelessTransport {
    static final String CLOSED_BY_CLIENT = "the client closed the response stream";

    private final MethodDispatcher dispatcher;
    private final MethodDispatcher listenSubscriptions;
    private final ListenStreams listens;
    private final AgentQuotas quotas;
    private final StatelessResults results;

    /** {@code listenSubscriptions} decides (and makes sure of) each resource subscription a listen names: resources/subscribe. */
    StatelessTransport(MethodDispatcher dispatcher, MethodDispatcher listenSubscriptions, ListenStreams listens, AgentQuotas quotas,
                       StatelessResults results) {
        this.dispatcher = dispatcher;
        this.listenSubscriptions = listenSubscriptions;
        this.listens = listens;
        this.quotas = quotas;
        this.results = results;
    }

    void handlePost(RoutingContext ctx, Agent agent, JsonObject body) {
        JsonObject message;
        try {
            message = JsonRpc.validate(body);
        } catch (RpcException e) {
            HttpReplies.json(ctx, 400, JsonRpc.error(body.getValue("id"), e));
            return;
        }
        if (JsonRpc.isResponse(message)) {
            HttpReplies.error(ctx, 400, null, ErrorCodes.INVALID_REQUEST, "Invalid Request: a 2026-07-28 client sends no responses");
            return;
        }
        if (!JsonRpc.isRequest(message)) {
            // Over HTTP this revision defines no client notifications (closing a stream cancels), so none needs anything.
            ctx.response().setStatusCode(202).end();
            return;
        }
        Optional<StatelessRequestCheck.Refusal> refusal = StatelessRequestCheck.check(ctx.request().headers(), message,
                method -> dispatcher.handles(method) || McpMethods.SUBSCRIPTIONS_LISTEN.equals(method));
        if (refusal.isPresent()) {
            HttpReplies.json(ctx, refusal.get().status(), JsonRpc.error(message.getValue("id"), refusal.get().error()));
            return;
        }
        boolean listen = McpMethods.SUBSCRIPTIONS_LISTEN.equals(message.getString("method"));
        AgentQuotas.Kind kind = listen ? AgentQuotas.Kind.STREAMS : AgentQuotas.Kind.CALLS;
        Optional<AgentQuotas.Slot> slot = quotas.take(agent.id(), kind);
        if (slot.isEmpty()) {
            HttpReplies.tooManyRequests(ctx, message.getValue("id"), quotas.refusal(kind));
        } else if (listen) {
            Cancellation decisions = new Cancellation();
            // Until its stream opens, a client that leaves withdraws the decisions on the resources it named.
            ctx.response().closeHandler(closed -> decisions.cancel(CLOSED_BY_CLIENT));
            listens.open(ctx, message, uri -> subscribed(ctx, agent, message, uri, decisions), slot.get()::release);
        } else {
            answer(ctx, agent, message, slot.get());
        }
    }

    /**
     * A listen's subscription to {@code uri}, as the request the policy decides made for the
     * listen's client: resources/subscribe, proposed, receipted and sent on only if allowed. Like a
     * session's, it is one of the agent's calls in flight while it is decided.
     */
    private Future<JsonObject> subscribed(RoutingContext ctx, Agent agent, JsonObject listen, String uri, Cancellation cancellation) {
        Optional<AgentQuotas.Slot> call = quotas.take(agent.id(), AgentQuotas.Kind.CALLS);
        if (call.isEmpty()) {
            return Future.failedFuture(quotas.refusal(AgentQuotas.Kind.CALLS));
        }
        return listenSubscriptions.dispatch(subscription(ctx, agent, listen, uri, cancellation)).onComplete(decided -> call.get().release());
    }

    private static McpCall subscription(RoutingContext ctx, Agent agent, JsonObject listen, String uri, Cancellation cancellation) {
        return new McpCall(agent, listen.getValue("id"), McpMethods.RESOURCES_SUBSCRIBE, new JsonObject().put("uri", uri),
                ProtocolVersions.V2026_07_28, Era.STATELESS, notification -> { }, cancellation, RequestContext.of(ctx),
                ClientRequests.declaredOnly(StatelessRequestCheck.meta(listen).getJsonObject(MetaKeys.CLIENT_CAPABILITIES)),
                RequestContext.traceOf(ctx), null);
    }

    /** Log messages go only to a request that asked for them, at its level or above; other notifications always. */
    private static boolean wanted(JsonObject notification, String logLevel) {
        if (!McpMethods.LOG_MESSAGE.equals(notification.getString("method"))) {
            return true;
        }
        return logLevel != null && notification.getValue("params") instanceof JsonObject params
                && params.getValue("level") instanceof String level && LoggingLevels.reaches(level, logLevel);
    }

    private void answer(RoutingContext ctx, Agent agent, JsonObject request, AgentQuotas.Slot slot) {
        ResponseStream stream = new ResponseStream(ctx);
        Cancellation cancellation = new Cancellation();
        ctx.response().closeHandler(closed -> {
            if (!ctx.response().ended()) {
                cancellation.cancel(CLOSED_BY_CLIENT);
            }
        });
        String method = request.getString("method");
        String logLevel = StatelessRequestCheck.meta(request).getValue(MetaKeys.LOG_LEVEL) instanceof String level ? level : null;
        McpCall call = new McpCall(agent, request.getValue("id"), method, request.getJsonObject("params"), ProtocolVersions.V2026_07_28,
                Era.STATELESS, notification -> {
                    if (wanted(notification, logLevel)) {
                        stream.notify(notification);
                    }
                }, cancellation, RequestContext.of(ctx),
                ClientRequests.declaredOnly(StatelessRequestCheck.meta(request).getJsonObject(MetaKeys.CLIENT_CAPABILITIES)),
                RequestContext.traceOf(ctx), null);
        dispatcher.dispatch(call).onComplete(r -> {
            slot.release();
            if (r.succeeded()) {
                stream.complete(JsonRpc.result(call.id(), results.complete(method, r.result())));
            } else {
                stream.complete(JsonRpc.response(call.id(), null, r.cause()), httpStatus(r.cause()));
            }
        });
    }

    /** A request the client did not declare the capabilities for is a 400 on HTTP; other errors are answered with 200. */
    private static int httpStatus(Throwable error) {
        return error instanceof RpcException e && e.code() == ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY ? 400 : 200;
    }
}
