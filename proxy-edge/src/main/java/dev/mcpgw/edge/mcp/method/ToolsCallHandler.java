package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.decision.Authorizer;
import dev.mcpgw.edge.decision.PendingDecisions;
import dev.mcpgw.edge.decision.Refusals;
import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
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
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;

/**
 * Inline evaluation of a plain tools/call: the call is validated, proposed, and forwarded to its
 * server only when the decision is ALLOW; how the forwarded call ended is then recorded as its
 * outcome. Where the client and the server are of different eras, the call crosses between them
 * through {@link EraBridge}; a 2026-07-28 retry that answers the server's request for input is a
 * call like any other, linked to the attempt it follows. A call under human review waits for the
 * review's final decision (see {@link ReviewHold}), unless its client takes tasks: then it becomes
 * a task (see {@link ReviewTasks}), and a 2025-11-25 call that asked for a task gets one whatever
 * the decision. DENY, and a REVIEW a client cannot wait for, come back as a tool result with
 * {@code isError} set, so the model sees why (see {@link Refusals#toolResult}).
 * A tool the catalog holds back (changed since pinned, or withheld for its text) is refused before
 * anything is proposed, with a JSON-RPC error saying why, and so is an allowed call whose tool was
 * held back or changed hands while it waited for its decision (a review holds it for minutes). A
 * call presenting an authorization ({@code _meta.authorizationId}, from authorization/propose) is
 * proposed as redeeming it: the stream lets it through without evaluating it again only if it is
 * exactly the authorized intent, in time, and the first to present it; a refusal is a JSON-RPC
 * error with the draft's code.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools#calling-tools">Tools, Calling tools</a>
 */
public final class ToolsCallHandler implements MethodHandler {
    public static final String DECISION_META = Refusals.DECISION_META;

    private final Catalog catalog;
    private final Authorizer authorizer;
    private final EraBridge bridge;
    private final OutcomeRecorder outcomes;
    private final MultiRoundTrip rounds;
    private final ReviewHold reviews;
    private final ReviewTasks tasks;
    private final Clock clock = Clock.systemUTC();

    public ToolsCallHandler(Catalog catalog, Authorizer authorizer, EraBridge bridge, OutcomeRecorder outcomes, MultiRoundTrip rounds,
                            Vertx vertx, PendingDecisions pending, ReviewTasks tasks, VerdictPublisher clientUserVerdicts) {
        this.catalog = catalog;
        this.authorizer = authorizer;
        this.bridge = bridge;
        this.outcomes = outcomes;
        this.rounds = rounds;
        this.reviews = new ReviewHold(vertx, pending, new ClientUserApproval(clientUserVerdicts, clock));
        this.tasks = tasks;
    }

    /**
     * One round of a call, as proposed: the tool, the round it is (with the params the server is
     * sent), the task it asks to become, the authorization it presents, and its intent.
     */
    private record Attempt(McpCall call, int number, Catalog.Entry tool, MultiRoundTrip.Round round, Optional<TaskRequest> task,
                           Optional<String> authorization, Intent intent) {
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        return attempt(call, 1);
    }

    private Future<JsonObject> attempt(McpCall call, int number) {
        Attempt attempt = proposed(call, number);
        Future<Decision> decided = authorizer.authorize(attempt.intent(), call.cancellation(),
                decision -> outcomes.withdrawn(attempt.intent(), decision));
        // What follows the decision runs in the call's trace (see TracedCalls): a callback has no context of its own.
        Context traced = Context.current();
        if (attempt.task().isPresent()) {
            return decided.compose(traced.wrapFunction(decision -> asTask(attempt, decision)));
        }
        return decided.compose(traced.wrapFunction(decision -> reviews.finalDecision(call, attempt.intent(), decision,
                        review -> outcomes.withdrawn(attempt.intent(), review))))
                .compose(traced.wrapFunction(decision -> settled(attempt, decision)));
    }

    /** The call validated and made an intent; a call that cannot be proposed fails here with a JSON-RPC error. */
    private Attempt proposed(McpCall call, int number) {
        JsonObject params = call.paramsOrEmpty();
        Catalog.Entry tool = validTool(params, call.era());
        String agent = call.agent().id();
        Intent intent = authorizer.intent(new Authorizer.Proposal(call.agent(), RequestKind.TOOL_CALL, tool.server(), tool.name(),
                params.getJsonObject("arguments"), call.protocolVersion(), call.traceContext(), null, call.context()));
        MultiRoundTrip.Round round = rounds.roundOf(params, intent);
        // Set on the intent this call owns: a builder copy would deep-copy every call's intent for fields most leave unset.
        intent.setPreviousAttempt(round.previousAttempt());
        // A retry answering a server's question continues its first round's call, which a task would not resume.
        Optional<TaskRequest> task = TaskRequest.of(call).filter(t -> round.previousAttempt() == null).filter(t -> hasRoomForATask(t, agent));
        Optional<String> authorization = AuthorizationMeta.of(params);
        authorization.ifPresent(intent::setRedeems);
        return new Attempt(call, number, tool, round, task, authorization, intent);
    }

    private Catalog.Entry validTool(JsonObject params, Era era) {
        if (!(params.getValue("name") instanceof String name)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: tools/call needs a tool name");
        }
        if (params.containsKey("arguments") && !(params.getValue("arguments") instanceof JsonObject)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: arguments must be an object");
        }
        catalog.heldBack(name, era).ifPresent(reason -> {
            throw new RpcException(ErrorCodes.TOOL_HELD_BACK, reason, new JsonObject().put("tool", name));
        });
        return catalog.lookup(name, era).orElseThrow(() -> new RpcException(ErrorCodes.INVALID_PARAMS, "Unknown tool: " + name));
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

    /** A call that becomes a task: opened for its review, or, asked for up front, run and then handed over as a finished task. */
    private Future<JsonObject> asTask(Attempt attempt, Decision decision) {
        TaskRequest task = attempt.task().orElseThrow();
        String name = attempt.call().paramsOrEmpty().getString("name");
        if (decision.getEffect() == Effect.REVIEW) {
            return tasks.open(attempt.intent(), decision, name, task.ttlMs())
                    .map(opened -> TaskView.created(opened, attempt.call().era().isStateless()));
        }
        return settled(attempt, decision).compose(result -> task.upFront()
                ? tasks.finished(attempt.intent(), name, task.ttlMs(), result).map(ended -> TaskView.created(ended, false))
                : Future.succeededFuture(result));
    }

    /**
     * The call as its final decision settles it: forwarded on ALLOW, then retried for a session-era
     * client with its answers when the server asked it for input; refused otherwise.
     */
    private Future<JsonObject> settled(Attempt attempt, Decision decision) {
        if (decision.getEffect() != Effect.ALLOW) {
            return refused(attempt, decision);
        }
        Optional<String> changed = changedSinceProposed(attempt);
        if (changed.isPresent()) {
            bridge.notForwarded(attempt.round().forwardedParams());
            outcomes.notForwarded(attempt.intent(), decision, changed.get());
            return Future.failedFuture(new RpcException(ErrorCodes.TOOL_HELD_BACK, "Allowed, but not forwarded: " + changed.get(),
                    new JsonObject().put("tool", attempt.call().paramsOrEmpty().getString("name"))));
        }
        return forwarded(attempt, decision).compose(Context.current().wrapFunction(result -> EraBridge
                .answersOfASessionClient(attempt.call(), attempt.tool().server(), result, attempt.number())
                .map(answers -> answers.compose(retry -> retried(attempt, retry)))
                .orElseGet(() -> Future.succeededFuture(result))));
    }

    /** Why the call's tool is no longer what was proposed, if it is not: held back meanwhile, or gone or moved. */
    private Optional<String> changedSinceProposed(Attempt attempt) {
        String name = attempt.call().paramsOrEmpty().getString("name");
        Era era = attempt.call().era();
        if (catalog.stillOffers(name, era, attempt.tool().server(), attempt.tool().name())) {
            return Optional.empty();
        }
        return Optional.of(catalog.heldBack(name, era).orElse("the tool " + name + " is no longer offered as it was when the call was made"));
    }

    /** A refused authorization is the client's error, not the policy's verdict on the tool: a JSON-RPC error. */
    private Future<JsonObject> refused(Attempt attempt, Decision decision) {
        bridge.notForwarded(attempt.round().forwardedParams());
        return attempt.authorization().isPresent() ? Future.failedFuture(SepErrors.refused(decision, attempt.authorization().get()))
                : Future.succeededFuture(Refusals.toolResult(decision));
    }

    /**
     * Sends the allowed call on and records how it ended. A client that presented an authorization
     * gets the draft's receipt notification before the result.
     */
    private Future<JsonObject> forwarded(Attempt attempt, Decision decision) {
        McpCall call = attempt.call();
        String server = attempt.tool().server();
        long startedAt = clock.millis();
        return outcomes.follow(attempt.intent(), decision, call.cancellation(), call.client(),
                        asker -> bridge.forward(call, server, serverParams(attempt), asker)
                                .map(result -> rounds.relay(result, attempt.intent(), decision.getReceipt())))
                .onSuccess(result -> attempt.authorization().filter(id -> ReceiptNotification.wanted(call.client().capabilities()))
                        .ifPresent(id -> call.notifications().accept(ReceiptNotification.of(id, decision, result, startedAt, clock.millis()))));
    }

    /** The gateway runs the client's task itself, and the authorization was for the gateway: the server is asked for a plain call. */
    private static JsonObject serverParams(Attempt attempt) {
        JsonObject params = AuthorizationMeta.without(attempt.round().forwardedParams()).put("name", attempt.tool().name());
        params.remove("task");
        return params;
    }

    /** The retry carrying a session-era client's answers: a new round, decided by the policy, as the authorization was used by the first. */
    private Future<JsonObject> retried(Attempt attempt, JsonObject answers) {
        McpCall call = attempt.call();
        return attempt(call.withParams(AuthorizationMeta.without(call.paramsOrEmpty()).mergeIn(answers)), attempt.number() + 1);
    }
}
