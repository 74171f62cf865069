package dev.mcpgw.edge.task;

import dev.mcpgw.edge.decision.DenialEnvelope;
import dev.mcpgw.edge.decision.PendingDecisions;
import dev.mcpgw.edge.decision.Refusals;
import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.downstream.Forwarder;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ResultTypes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.outcome.OutcomeRecorder;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tool calls under human review run as tasks. A task is opened (durably, on gateway.tasks)
 * when the REVIEW decision arrives; the review's final decision comes, as every decision of this
 * call does, to this instance's decide partition, and only here is the call forwarded: on the
 * verified final ALLOW, once this instance's claim is the one gateway.tasks took (a cancel that
 * came first wins, and the call never runs), with the tool's result kept on the task. As the draft
 * tool-approval extension (SEP-2848) has it, every approval task that ends with a decision
 * completes with a tool result whose text says whether the tool ran and whose {@code _meta} carries
 * the disposition: a final DENY (by an approver, the deadline or a policy change) is a result with
 * {@code isError} that says the tool did not run. Only a failure before the call is claimed (no
 * decision could be had) fails the task. After a restart, the tasks this instance's partition owes
 * are taken up again (see {@link #resume}); a task whose call was running when the instance
 * stopped completes as of unknown outcome, never run twice. The tasks of an instance that never
 * comes back are taken over by another (see {@link TaskTakeover}), which settles them here.
 */
public final class ReviewTasks {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewTasks.class);
    /** What a task keeps of a result; a larger one fails the task rather than the topic's write. */
    static final int MAX_RESULT_CHARS = 512 * 1024;
    /** The most tasks one agent may hold (until their TTL): each keeps a result in every instance's memory. */
    public static final int MAX_TASKS_PER_AGENT = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String STOPPED_WHILE_RUNNING = "the gateway instance running this call stopped before it ended, and it is not run again";
    /** SEP-2848's machine-readable execution outcome, in the {@code _meta} of a completed approval task's result. */
    public static final String DISPOSITION = MetaKeys.TOOL_APPROVAL_DISPOSITION;

    private final TaskStore store;
    private final PendingDecisions pending;
    private final Catalog catalog;
    private final DownstreamRouter router;
    private final Forwarder forwarder;
    private final OutcomeRecorder outcomes;
    private final int partition;
    private final Clock clock;

    public ReviewTasks(TaskStore store, PendingDecisions pending, Catalog catalog, DownstreamRouter router, Forwarder forwarder,
                       OutcomeRecorder outcomes, int partition, Clock clock) {
        this.store = store;
        this.pending = pending;
        this.catalog = catalog;
        this.router = router;
        this.forwarder = forwarder;
        this.outcomes = outcomes;
        this.partition = partition;
        this.clock = clock;
    }

    /** Whether {@code agentId} may have one more task. */
    public boolean hasRoomFor(String agentId) {
        return store.of(agentId, clock.millis()).size() < MAX_TASKS_PER_AGENT;
    }

    /** 256 random bits: a task id is unguessable, and only its agent may use it anyway. */
    static String newTaskId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Opens a task for {@code intent}, which {@code review} sent to human review, called by the
     * client as {@code tool}; completes with it once it is durable, then runs it on the review's
     * final decision. The call must be parked for its review (see PendingDecisions).
     */
    public Future<TaskRecord> open(Intent intent, Decision review, String tool, long ttlMs) {
        long now = clock.millis();
        String waiting = "Waiting for human review " + intent.getIntentId() + " (receipt " + review.getReceipt().getChain() + "/"
                + review.getReceipt().getSequence() + ")";
        TaskRecord task = new TaskRecord(newTaskId(), intent.getAgent().getId(), intent.getIntentId(), tool, partition, TaskStatus.WORKING,
                waiting, now, now, ttlMs, encode(intent), null, null, null, null);
        return store.write(task).recover(e -> {
            pending.release(intent.getIntentId());
            return Future.failedFuture(unrecorded(e));
        }).map(v -> {
            pending.awaitReview(intent.getIntentId()).onComplete(decision -> settle(task, intent, decision));
            return task;
        });
    }

    /** A task already ended with {@code result}: a task-augmented call decided at once (2025-11-25 asks for a task up front). */
    public Future<TaskRecord> finished(Intent intent, String tool, long ttlMs, JsonObject result) {
        long now = clock.millis();
        TaskRecord task = new TaskRecord(newTaskId(), intent.getAgent().getId(), intent.getIntentId(), tool, partition, TaskStatus.WORKING,
                null, now, now, ttlMs, null, null, null, null, null);
        TaskRecord ended = fits(result)
                ? task.moved(TaskStatus.COMPLETED, "The call ended", now, result, null)
                : task.moved(TaskStatus.FAILED, tooLarge().getMessage(), now, null, tooLarge().toErrorObject());
        return store.write(ended).recover(e -> Future.failedFuture(unrecorded(e))).map(ended);
    }

    /**
     * After a restart: ends the tasks this partition's instance had claimed whose call was running
     * (it may have run, so it is not run again) as of unknown outcome, and settles each waiting one
     * it owes when its final decision comes ({@code waits}, by task id: the instance parked them
     * before it read its partition again).
     */
    public void resume(Map<String, Future<Decision>> waits) {
        for (TaskRecord task : store.unfinished()) {
            if (task.status() == TaskStatus.FORWARDING && task.claimant() == partition) {
                outcomeUnknown(task, STOPPED_WHILE_RUNNING);
            } else if (task.status() == TaskStatus.WORKING && waits.containsKey(task.taskId())) {
                waits.get(task.taskId()).onComplete(decision -> settle(task, decode(task.intent()), decision));
            }
        }
    }

    /** A task of an instance gone for good, settled by its verified final {@code decision}, which this instance read for it. */
    void settleTakenOver(TaskRecord task, Decision decision) {
        settle(task, decode(task.intent()), Future.succeededFuture(decision));
    }

    /** A task claimed by an instance gone for good: its call may have run, so it is not run again. */
    void endClaimedByGone(TaskRecord task) {
        outcomeUnknown(task, STOPPED_WHILE_RUNNING);
    }

    private void settle(TaskRecord task, Intent intent, AsyncResult<Decision> decision) {
        if (decision.failed()) {
            fail(task, decision.cause() instanceof RpcException rpc ? rpc
                    : new RpcException(ErrorCodes.AUTHORIZATION_UNAVAILABLE, "Call not forwarded: " + decision.cause().getMessage()));
        } else if (decision.result().getEffect() == Effect.ALLOW) {
            run(task.taskId(), intent, decision.result());
        } else {
            notRun(task, Refusals.text(decision.result()), Refusals.describe(decision.result()));
        }
    }

    private void run(String taskId, Intent intent, Decision allow) {
        TaskRecord task = store.current(taskId).orElse(null);
        if (task != null && task.status() != TaskStatus.WORKING && task.status() != TaskStatus.CANCELLED) {
            // Another instance took it over and settled it: what became of the call is that instance's to record.
            return;
        }
        // Cancelled, or past its TTL: no client could collect what it returned.
        if (task == null || task.status() != TaskStatus.WORKING || task.isExpired(clock.millis())) {
            outcomes.withdrawn(intent, allow);
            return;
        }
        Era era = eraOf(intent);
        if (!catalog.stillOffers(task.tool(), era, intent.getServer(), intent.getTool())) {
            notRun(task, "Approved, but not run: the tool " + task.tool() + " is no longer offered as it was when the call was made", null);
            return;
        }
        store.claim(task, UUID.randomUUID().toString(), partition, clock.millis()).onComplete(claimed -> {
            if (claimed.failed() || !claimed.result()) {
                // The claim was not recorded, or a cancel or another instance's claim came first: nothing runs here.
                if (store.current(taskId).map(TaskRecord::claim).isEmpty()) {
                    outcomes.withdrawn(intent, allow);
                }
                return;
            }
            TaskRecord running = store.current(taskId).orElseThrow();
            JsonObject params = new JsonObject().put("name", intent.getTool());
            if (intent.getArgumentsJson() != null) {
                params.put("arguments", new JsonObject(intent.getArgumentsJson()));
            }
            Cancellation never = new Cancellation();
            outcomes.follow(intent, allow, never, ClientRequests.declaredOnly(new JsonObject()), asker ->
                            forwarder.forward(router.client(intent.getServer(), era), McpMethods.TOOLS_CALL, params, n -> { }, never, asker))
                    .onComplete(result -> finish(running, result));
        });
    }

    /**
     * The era of the client whose call it was, which picks a dual-era server's half to run it on;
     * an intent that names no revision runs on the 2026 half, which needs no session.
     */
    private static Era eraOf(Intent intent) {
        return intent.getProtocolVersion() == null ? Era.STATELESS : Era.of(intent.getProtocolVersion());
    }

    /** After the claim a failure cannot say whether the tool ran: the task completes, never fails (SEP-2848). */
    private void finish(TaskRecord running, AsyncResult<JsonObject> result) {
        if (result.failed()) {
            outcomeUnknown(running, "the tool server failed the call: " + result.cause().getMessage());
        } else if (ResultTypes.INPUT_REQUIRED.equals(result.result().getValue("resultType"))) {
            outcomeUnknown(running, "the tool server asked for input, which a task run after review cannot give");
        } else if (!fits(result.result())) {
            complete(running, "The call ran after its approval", toolResult("The tool ran after its approval, but its result exceeds the "
                    + MAX_RESULT_CHARS + " characters the gateway keeps for a task.", "approved-executed", null));
        } else {
            JsonObject ran = result.result().copy();
            JsonObject meta = ran.getValue("_meta") instanceof JsonObject m ? m : new JsonObject();
            String disposition = Boolean.TRUE.equals(ran.getValue("isError")) ? "execution-error" : "approved-executed";
            complete(running, "The call ran after its approval", ran.put("_meta", meta.put(DISPOSITION, disposition)));
        }
    }

    /** The tool did not run: denied by review, expired, or no longer offered as it was. */
    private void notRun(TaskRecord task, String why, JsonObject decision) {
        JsonObject result = toolResult("The tool did not run. " + why, "denied-not-executed", decision);
        if (decision != null) {
            // Refused by its review (or the policy): SEP-2643's envelope, no remedy left.
            result.getJsonObject("_meta").put(DenialEnvelope.META, DenialEnvelope.of(task.intentId(), DenialEnvelope.UNAVAILABLE));
        }
        complete(task, why, result);
    }

    private void outcomeUnknown(TaskRecord task, String why) {
        complete(task, "Outcome unknown: " + why, toolResult("The tool may or may not have run: " + why + ".", "outcome-unknown", null));
    }

    private void complete(TaskRecord task, String message, JsonObject result) {
        write(task.moved(TaskStatus.COMPLETED, message, clock.millis(), result, null));
    }

    private static JsonObject toolResult(String text, String disposition, JsonObject decision) {
        JsonObject meta = new JsonObject().put(DISPOSITION, disposition);
        if (decision != null) {
            meta.put(Refusals.DECISION_META, decision);
        }
        return new JsonObject().put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)))
                .put("isError", true).put("_meta", meta);
    }

    private void fail(TaskRecord task, RpcException error) {
        write(task.moved(TaskStatus.FAILED, error.getMessage(), clock.millis(), null, error.toErrorObject()));
    }

    private void write(TaskRecord record) {
        store.write(record).onFailure(e -> LOG.error("task {} could not be recorded as {}: {}", record.taskId(), record.status(), e.getMessage()));
    }

    private static RpcException unrecorded(Throwable e) {
        return new RpcException(ErrorCodes.AUTHORIZATION_UNAVAILABLE, "Call not forwarded: its task could not be recorded (" + e.getMessage() + ")");
    }

    private static boolean fits(JsonObject result) {
        return result.encode().length() <= MAX_RESULT_CHARS;
    }

    private static RpcException tooLarge() {
        return new RpcException(ErrorCodes.INTERNAL_ERROR, "The tool's result exceeds the " + MAX_RESULT_CHARS
                + " characters the gateway keeps for a task");
    }

    private static String encode(Intent intent) {
        return Base64.getEncoder().encodeToString(Topics.PROPOSE.valueSerde().serializer().serialize(Topics.PROPOSE.name(), intent));
    }

    private static Intent decode(String intent) {
        return Topics.PROPOSE.valueSerde().deserializer().deserialize(Topics.PROPOSE.name(), Base64.getDecoder().decode(intent));
    }
}
