package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.decision.Authorizer;
import dev.mcpgw.edge.decision.DenialEnvelope;
import dev.mcpgw.edge.decision.PendingDecisions;
import dev.mcpgw.edge.decision.Refusals;
import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.downstream.DownstreamClient;
import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.downstream.Forwarder;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mrtr.ClientFulfilment;
import dev.mcpgw.edge.mrtr.HeldCalls;
import dev.mcpgw.edge.mrtr.MultiRoundTrip;
import dev.mcpgw.edge.outcome.OutcomeRecorder;
import dev.mcpgw.edge.sep.AuthorizationMeta;
import dev.mcpgw.edge.sep.ReceiptNotification;
import dev.mcpgw.edge.sep.SepErrors;
import dev.mcpgw.edge.task.ReviewTasks;
import dev.mcpgw.edge.task.TaskRequest;
import dev.mcpgw.edge.task.TaskView;
import dev.mcpgw.kafka.VerdictPublisher;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.RequestKind;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;

/**
 * Inline evaluation of a plain tools/call: the call is proposed, and forwarded to its server only
 * when the decision is ALLOW; how the forwarded call ended is then recorded as its outcome. A
 * 2026-07-28 retry that answers the server's request for input is a call like any other, linked
 * to the attempt it follows. A call under human review waits for the review's final decision (see
 * {@link ReviewHold}), unless its client takes tasks: then it becomes a task (see {@link ReviewTasks}),
 * and a 2025-11-25 call that asked for a task gets one whatever the decision. DENY, and a REVIEW a
 * client cannot wait for, come back as a tool result with {@code isError} set, so the model sees why; the decision and its receipt ride in {@code _meta}.
 * A tool the catalog holds back (changed since pinned, or withheld for its text) is refused before
 * anything is proposed, with a JSON-RPC error saying why. A call presenting an authorization
 * ({@code _meta.authorizationId}, from authorization/propose) is proposed as redeeming it: the
 * stream lets it through without evaluating it again only if it is exactly the authorized intent,
 * in time, and the first to present it; a refusal is a JSON-RPC error with the draft's code.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools#calling-tools">Tools, Calling tools</a>
 */
public final class ToolsCallHandler implements MethodHandler {
    public static final String DECISION_META = Refusals.DECISION_META;

    private final Catalog catalog;
    private final Authorizer authorizer;
    private final DownstreamRouter router;
    private final Forwarder forwarder;
    private final OutcomeRecorder outcomes;
    private final MultiRoundTrip rounds;
    private final HeldCalls held;
    private final ReviewHold reviews;
    private final ReviewTasks tasks;
    private final Clock clock = Clock.systemUTC();

    public ToolsCallHandler(Catalog catalog, Authorizer authorizer, DownstreamRouter router, Forwarder forwarder, OutcomeRecorder outcomes,
                            MultiRoundTrip rounds, HeldCalls held, Vertx vertx, PendingDecisions pending, ReviewTasks tasks,
                            VerdictPublisher clientUserVerdicts) {
        this.catalog = catalog;
        this.authorizer = authorizer;
        this.router = router;
        this.forwarder = forwarder;
        this.outcomes = outcomes;
        this.rounds = rounds;
        this.held = held;
        this.reviews = new ReviewHold(vertx, pending, new ClientUserApproval(clientUserVerdicts, clock));
        this.tasks = tasks;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        return attempt(call, 1);
    }

    private Future<JsonObject> attempt(McpCall call, int attempt) {
        JsonObject params = call.paramsOrEmpty();
        if (!(params.getValue("name") instanceof String name)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: tools/call needs a tool name");
        }
        if (params.containsKey("arguments") && !(params.getValue("arguments") instanceof JsonObject)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: arguments must be an object");
        }
        catalog.heldBack(name).ifPresent(reason -> {
            throw new RpcException(ErrorCodes.TOOL_HELD_BACK, reason, new JsonObject().put("tool", name));
        });
        Catalog.Entry tool = catalog.lookup(name)
                .orElseThrow(() -> new RpcException(ErrorCodes.INVALID_PARAMS, "Unknown tool: " + name));
        String agent = call.agent().id();
        MultiRoundTrip.Round round = rounds.roundOf(params, tool.server(), agent);
        // A retry answering a server's question continues its first round's call, which a task would not resume.
        Optional<TaskRequest> task = TaskRequest.of(call).filter(t -> round.previousAttempt() == null).filter(t -> hasRoomForATask(t, agent));
        Optional<String> authorization = AuthorizationMeta.of(params);
        Intent intent = authorizer.intent(new Authorizer.Proposal(call.agent(), RequestKind.TOOL_CALL, tool.server(), tool.name(),
                params.getJsonObject("arguments"), call.protocolVersion(), call.traceContext(), round.previousAttempt(), call.context()));
        // Set on the intent this call owns: a builder copy would deep-copy every call's intent for a field most leave unset.
        authorization.ifPresent(intent::setRedeems);
        Optional<String> heldCall = HeldCalls.heldCallOf(round.forwardedParams().getString("requestState"));
        Future<Decision> decided = authorizer.authorize(intent, call.cancellation(), decision -> outcomes.withdrawn(intent, decision));
        // What follows the decision runs in the call's trace (see TracedCalls): a callback has no context of its own.
        Context traced = Context.current();
        if (task.isPresent()) {
            return decided.compose(traced.wrapFunction(decision -> decision.getEffect() == Effect.REVIEW
                    ? tasks.open(intent, decision, name, task.get().ttlMs())
                            .map(opened -> TaskView.created(opened, call.era().isStateless()))
                    : settled(call, attempt, intent, decision, tool, round, heldCall, authorization).compose(result -> task.get().upFront()
                            ? tasks.finished(intent, name, task.get().ttlMs(), result).map(ended -> TaskView.created(ended, false))
                            : Future.succeededFuture(result))));
        }
        return decided.compose(traced.wrapFunction(decision -> reviews.finalDecision(call, intent, decision, review -> outcomes.withdrawn(intent, review))))
                .compose(traced.wrapFunction(decision -> settled(call, attempt, intent, decision, tool, round, heldCall, authorization)));
    }

    /**
     * An agent holding as many tasks as it may: a 2025-11-25 call asking for one more is refused
     * before it is proposed (-32055); a 2026 call goes on without a task, refused at once if reviewed,
     * as for a client without tasks.
     */
    private boolean hasRoomForATask(TaskRequest task, String agent) {
        if (tasks.hasRoomFor(agent)) {
            return true;
        }
        if (task.upFront()) {
            throw new RpcException(ErrorCodes.TOO_MANY_REQUESTS, "Not run: agent " + agent + " holds " + ReviewTasks.MAX_TASKS_PER_AGENT
                    + " tasks, the most it may, until some pass their TTL");
        }
        return false;
    }

    /**
     * The call as its final decision settles it: forwarded on ALLOW (asking a session client what the
     * server asks), refused otherwise. A client that presented an authorization gets the draft's
     * receipt notification before the result.
     */
    private Future<JsonObject> settled(McpCall call, int attempt, Intent intent, Decision decision, Catalog.Entry tool,
                                       MultiRoundTrip.Round round, Optional<String> heldCall, Optional<String> authorization) {
        if (decision.getEffect() != Effect.ALLOW) {
            heldCall.ifPresent(id -> held.abandon(id, "the retry was not allowed"));
            // A refused authorization is the client's error, not the policy's verdict on the tool: a JSON-RPC error.
            return authorization.isPresent() ? Future.failedFuture(SepErrors.refused(decision, authorization.get()))
                    : Future.succeededFuture(refusal(decision));
        }
        JsonObject params = call.paramsOrEmpty();
        String agent = call.agent().id();
        long startedAt = clock.millis();
        return outcomes.follow(intent, decision, call.cancellation(), call.client(), asker -> heldCall
                        .map(id -> held.resume(id, params.getJsonObject("inputResponses"), call.cancellation()))
                        .orElseGet(() -> forward(call, tool, round.forwardedParams(), asker))
                        .map(result -> rounds.relay(result, tool.server(), agent, decision.getReceipt())))
                .onSuccess(result -> authorization.filter(id -> ReceiptNotification.wanted(call.client().capabilities()))
                        .ifPresent(id -> call.notifications().accept(ReceiptNotification.of(id, decision, result, startedAt, clock.millis()))))
                .compose(Context.current().wrapFunction(result -> asksASessionClient(call, result)
                        ? retryWithTheClientsAnswers(call, result, attempt) : Future.succeededFuture(result)));
    }

    /**
     * Sends the call on. A 2026 client cannot be asked anything during the call, so when its call
     * goes to a session-era server, which may ask, the call is held and each question comes back
     * as an input-required result (see {@link HeldCalls}). Otherwise what the server asks goes to
     * {@code asker}.
     */
    private Future<JsonObject> forward(McpCall call, Catalog.Entry tool, JsonObject params, ClientRequests asker) {
        DownstreamClient server = router.client(tool.server());
        // The gateway runs the client's task itself, and the authorization was for the gateway: the server is asked for a plain call.
        JsonObject forwarded = AuthorizationMeta.without(params).put("name", tool.name());
        forwarded.remove("task");
        if (call.era().isStateless() && !server.era().isStateless()) {
            Cancellation heldCancellation = new Cancellation();
            call.cancellation().onCancel(heldCancellation::cancel);
            return held.start(call.client().capabilities(), holder -> forwarder.forward(server, McpMethods.TOOLS_CALL, forwarded,
                    call.notifications(), heldCancellation, holder), heldCancellation);
        }
        return forwarder.forward(server, McpMethods.TOOLS_CALL, forwarded, call.notifications(), call.cancellation(), asker);
    }

    /** A 2026 server's request for input, made in a call of a session-era client, which cannot retry by itself. */
    private static boolean asksASessionClient(McpCall call, JsonObject result) {
        return MultiRoundTrip.INPUT_REQUIRED.equals(result.getString("resultType")) && !call.era().isStateless();
    }

    /** Asks the client what the server asked, then retries for it: a new round, proposed and decided like the first. */
    private Future<JsonObject> retryWithTheClientsAnswers(McpCall call, JsonObject result, int attempt) {
        if (attempt >= ClientFulfilment.MAX_ROUNDS) {
            return Future.failedFuture(new RpcException(ErrorCodes.INTERNAL_ERROR,
                    "the tool server still asked for input after " + attempt + " rounds; the gateway gave up the call"));
        }
        return ClientFulfilment.answer(result.getJsonObject("inputRequests", new JsonObject()), call.client())
                // The retry is a new round, decided by the policy: the authorization was used by the first.
                .compose(responses -> attempt(call.withParams(AuthorizationMeta.without(call.paramsOrEmpty())
                        .put("inputResponses", responses).put("requestState", result.getString("requestState"))), attempt + 1));
    }

    private static JsonObject refusal(Decision decision) {
        return new JsonObject()
                .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", Refusals.text(decision))))
                .put("isError", true)
                .put("_meta", new JsonObject().put(DECISION_META, Refusals.describe(decision)).put(DenialEnvelope.META, DenialEnvelope.of(decision)));
    }
}
