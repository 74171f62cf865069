package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.limits.AgentQuotas;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.McpHeaders;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.method.McpCall;
import dev.mcpgw.edge.mcp.method.MethodDispatcher;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The session era (2025-03-26 to 2025-11-25) of the client-facing Streamable HTTP transport: POST
 * carries one JSON-RPC message (a batch, under 2025-03-26 only), initialize opens a session
 * bound to the agent, DELETE ends it, GET opens the session's stream of the servers' changes.
 * Responses are JSON, or an event stream while a call has notifications or questions for it.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http">Transports, Streamable HTTP</a>
 */
final class SessionTransport {
    private final SessionRegistry sessions;
    private final MethodDispatcher dispatcher;
    private final ListenStreams streams;
    private final AgentQuotas quotas;
    private final Function<String, Runnable> resourceHolds;

    /** {@code resourceHolds} keeps a resource's updates coming for a session until the action it returns runs. */
    SessionTransport(SessionRegistry sessions, MethodDispatcher dispatcher, ListenStreams streams, AgentQuotas quotas,
                     Function<String, Runnable> resourceHolds) {
        this.sessions = sessions;
        this.dispatcher = dispatcher;
        this.streams = streams;
        this.quotas = quotas;
        this.resourceHolds = resourceHolds;
    }

    void handlePost(RoutingContext ctx, Agent agent, Object body) {
        if (body instanceof JsonArray batch) {
            session(ctx, agent).ifPresent(session -> batch(ctx, agent, session, batch));
            return;
        }
        JsonObject message;
        try {
            message = JsonRpc.validate(body);
        } catch (RpcException e) {
            HttpReplies.json(ctx, 400, JsonRpc.error(body instanceof JsonObject o ? o.getValue("id") : null, e));
            return;
        }
        if (McpMethods.INITIALIZE.equals(message.getString("method"))) {
            initialize(ctx, agent, message);
        } else {
            session(ctx, agent).ifPresent(session -> single(ctx, agent, session, message));
        }
    }

    void handleDelete(RoutingContext ctx) {
        session(ctx, ctx.get(AuthenticationHandler.AGENT)).ifPresent(session -> {
            sessions.close(session);
            ctx.response().setStatusCode(204).end();
        });
    }

    /** The session's standalone stream: the servers' list changes, and updates of the resources the session subscribed to. */
    void handleGet(RoutingContext ctx) {
        if (!String.valueOf(ctx.request().getHeader("Accept")).contains("text/event-stream")) {
            HttpReplies.error(ctx, 406, null, ErrorCodes.INVALID_REQUEST, "Not Acceptable: the stream is text/event-stream");
            return;
        }
        Agent agent = ctx.get(AuthenticationHandler.AGENT);
        session(ctx, agent).ifPresent(session -> {
            Optional<AgentQuotas.Slot> slot = quotas.take(agent.id(), AgentQuotas.Kind.STREAMS);
            if (slot.isEmpty()) {
                HttpReplies.tooManyRequests(ctx, null, quotas.refusal(AgentQuotas.Kind.STREAMS));
            } else if (session.claimStandaloneStream()) {
                streams.openForSession(ctx, session, () -> {
                    slot.get().release();
                    session.standaloneStreamEnded();
                });
            } else {
                slot.get().release();
                HttpReplies.error(ctx, 409, null, ErrorCodes.INVALID_REQUEST, "Conflict: the session's stream is already open");
            }
        });
    }

    private void initialize(RoutingContext ctx, Agent agent, JsonObject request) {
        Optional<AgentQuotas.Slot> slot = quotas.take(agent.id(), AgentQuotas.Kind.SESSIONS)
                .or(() -> sessions.endLeastRecentlyUsed(agent.id()) ? quotas.take(agent.id(), AgentQuotas.Kind.SESSIONS) : Optional.empty());
        if (slot.isEmpty()) {
            HttpReplies.tooManyRequests(ctx, request.getValue("id"), quotas.refusal(AgentQuotas.Kind.SESSIONS));
            return;
        }
        JsonObject capabilities = request.getJsonObject("params", new JsonObject()).getValue("capabilities") instanceof JsonObject c
                ? c : new JsonObject();
        McpCall call = new McpCall(agent, request.getValue("id"), McpMethods.INITIALIZE, request.getJsonObject("params"), null,
                n -> { }, new Cancellation(), RequestContext.of(ctx), ClientRequests.declaredOnly(capabilities));
        dispatcher.dispatch(call).onComplete(result -> {
            if (result.succeeded()) {
                McpSession session = sessions.open(agent.id(), result.result().getString("protocolVersion"), capabilities);
                session.onClose(slot.get()::release);
                ctx.response().putHeader(McpHeaders.SESSION, session.id());
            } else {
                slot.get().release();
            }
            HttpReplies.json(ctx, 200, JsonRpc.response(call.id(), result.succeeded() ? result.result() : null, result.cause()));
        });
    }

    private void single(RoutingContext ctx, Agent agent, McpSession session, JsonObject message) {
        if (!JsonRpc.isRequest(message)) {
            received(session, message);
            ctx.response().setStatusCode(202).end();
            return;
        }
        Optional<AgentQuotas.Slot> slot = quotas.take(agent.id(), AgentQuotas.Kind.CALLS);
        if (slot.isEmpty()) {
            HttpReplies.tooManyRequests(ctx, message.getValue("id"), quotas.refusal(AgentQuotas.Kind.CALLS));
            return;
        }
        ResponseStream stream = new ResponseStream(ctx);
        answer(agent, session, message, n -> {
            if (session.carries(n)) {
                stream.notify(n);
            }
        }, RequestContext.of(ctx), new StreamClientRequests(session, stream, ctx.vertx()), RequestContext.traceOf(ctx))
                .onComplete(r -> {
                    slot.get().release();
                    stream.complete(r.result());
                });
    }

    private void batch(RoutingContext ctx, Agent agent, McpSession session, JsonArray batch) {
        if (!ProtocolVersions.V2025_03_26.equals(session.protocolVersion()) || batch.isEmpty()) {
            HttpReplies.error(ctx, 400, null, ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: batches are allowed only under protocol 2025-03-26, and must not be empty");
            return;
        }
        List<Future<JsonObject>> answers = new ArrayList<>();
        for (Object item : batch) {
            try {
                JsonObject message = JsonRpc.validate(item);
                if (JsonRpc.isRequest(message)) {
                    answers.add(answerInBatch(agent, session, message, RequestContext.of(ctx), RequestContext.traceOf(ctx)));
                } else {
                    received(session, message);
                }
            } catch (RpcException e) {
                answers.add(Future.succeededFuture(JsonRpc.error(null, e)));
            }
        }
        if (answers.isEmpty()) {
            ctx.response().setStatusCode(202).end();
            return;
        }
        Future.join(answers).onComplete(done -> {
            JsonArray responses = new JsonArray();
            answers.forEach(a -> responses.add(a.result()));
            HttpReplies.json(ctx, 200, responses);
        });
    }

    /** A request in a batch: over the agent's cap of calls, only its own answer is the refusal, since the batch gets one HTTP status. */
    private Future<JsonObject> answerInBatch(Agent agent, McpSession session, JsonObject request, Map<String, String> context,
                                             McpCall.TraceContext trace) {
        Optional<AgentQuotas.Slot> slot = quotas.take(agent.id(), AgentQuotas.Kind.CALLS);
        if (slot.isEmpty()) {
            return Future.succeededFuture(JsonRpc.error(request.getValue("id"), quotas.refusal(AgentQuotas.Kind.CALLS)));
        }
        // A batch is answered with one JSON array: there is no stream for notifications.
        return answer(agent, session, request, n -> { }, context, ClientRequests.declaredOnly(session.clientCapabilities()), trace)
                .onComplete(r -> slot.get().release());
    }

    /** Always succeeds, with the JSON-RPC response (result or error) to send. */
    private Future<JsonObject> answer(Agent agent, McpSession session, JsonObject request, Consumer<JsonObject> notifications,
                                     Map<String, String> context, ClientRequests client, McpCall.TraceContext trace) {
        Object id = request.getValue("id");
        Optional<Cancellation> started = session.started(id);
        if (started.isEmpty()) {
            return Future.succeededFuture(JsonRpc.error(id, new RpcException(ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: id " + Json.encode(id) + " is already used by a request of this session still in flight")));
        }
        McpCall call = new McpCall(agent, id, request.getString("method"),
                request.getValue("params") instanceof JsonObject p ? p : null, session.protocolVersion(),
                Era.SESSION, notifications, started.get(), context, client, trace, session.id());
        return dispatcher.dispatch(call)
                .onComplete(r -> session.finished(id, started.get()))
                .onSuccess(r -> remember(session, call, r))
                .transform(r -> Future.succeededFuture(JsonRpc.response(call.id(), r.result(), r.cause())));
    }

    /**
     * A resource subscription that succeeded, or ended, a log level set, and a call that became a
     * task decide what the session's streams carry; the session holds the gateway's subscription to a resource for as
     * long as it is subscribed.
     */
    private void remember(McpSession session, McpCall call, JsonObject result) {
        if (McpMethods.TOOLS_CALL.equals(call.method()) && result != null && result.getValue("task") instanceof JsonObject task
                && task.getValue("taskId") instanceof String taskId) {
            session.gave(taskId);
        }
        if (McpMethods.LOGGING_SET_LEVEL.equals(call.method())) {
            session.logLevel(call.params().getString("level"));
        }
        if (call.paramsOrEmpty().getValue("uri") instanceof String uri) {
            if (McpMethods.RESOURCES_SUBSCRIBE.equals(call.method())) {
                session.subscribed(uri, resourceHolds.apply(uri));
            } else if (McpMethods.RESOURCES_UNSUBSCRIBE.equals(call.method())) {
                session.unsubscribed(uri);
            }
        }
    }

    /**
     * A response answers one of the gateway's requests to the client. Of the client's notifications
     * only cancellation needs the gateway; the others concern no request in flight.
     */
    private static void received(McpSession session, JsonObject message) {
        if (JsonRpc.isResponse(message)) {
            session.answered(message);
        } else if (McpMethods.CANCELLED.equals(message.getString("method")) && message.getValue("params") instanceof JsonObject params) {
            session.cancel(params.getValue("requestId"), params.getValue("reason") instanceof String reason ? reason : null);
        }
    }

    private Optional<McpSession> session(RoutingContext ctx, Agent agent) {
        String id = ctx.request().getHeader(McpHeaders.SESSION);
        if (id == null) {
            HttpReplies.error(ctx, 400, null, ErrorCodes.INVALID_REQUEST, "Bad Request: Mcp-Session-Id header is required");
            return Optional.empty();
        }
        Optional<McpSession> session = sessions.find(id, agent.id());
        if (session.isEmpty()) {
            HttpReplies.error(ctx, 404, null, ErrorCodes.INVALID_REQUEST, "Session not found: initialize a new session");
            return Optional.empty();
        }
        return session;
    }
}
