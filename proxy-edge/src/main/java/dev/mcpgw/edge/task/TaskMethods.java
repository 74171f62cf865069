package dev.mcpgw.edge.task;

import dev.mcpgw.edge.decision.PendingDecisions;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.method.McpCall;
import dev.mcpgw.edge.mcp.method.MethodHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The task methods, answered by any edge instance from gateway.tasks (see {@link TaskStore}):
 * tasks/get, tasks/cancel in both eras, tasks/result and tasks/list for 2025-11-25 sessions,
 * tasks/update for 2026-07-28 clients (gateway tasks never ask for input: it is acknowledged).
 * Every task is its agent's: another agent's task is answered exactly as an unknown one (-32602).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/tasks">Tasks (2025-11-25)</a>
 */
public final class TaskMethods {
    /** Longer than any task id the gateway makes: a longer one is refused before it is looked up. */
    static final int MAX_TASK_ID_CHARS = 128;
    static final int PAGE_SIZE = 50;
    /** How long tasks/result waits for a task to end: a minute past the longest a review is held, as a held tools/call. */
    static final Duration RESULT_WAIT = PendingDecisions.REVIEW_HOLD.plusMinutes(1);

    private final TaskStore store;
    private final Vertx vertx;
    private final Clock clock;

    public TaskMethods(TaskStore store, Vertx vertx, Clock clock) {
        this.store = store;
        this.vertx = vertx;
        this.clock = clock;
    }

    public MethodHandler get() {
        return call -> {
            TaskRecord task = task(call);
            return Future.succeededFuture(TaskView.awaitingReview(stateless(call) ? TaskView.stateless(task) : TaskView.sessionEra(task), task));
        };
    }

    /** 2025-11-25: what the call returned once the task has ended, waiting for it meanwhile. */
    public MethodHandler result() {
        return call -> {
            TaskRecord task = task(call);
            return ended(task).compose(TaskMethods::outcome);
        };
    }

    public MethodHandler list() {
        return call -> {
            List<TaskRecord> tasks = store.of(call.agent().id(), clock.millis());
            int from = offset(call.paramsOrEmpty().getValue("cursor"));
            int to = Math.min(tasks.size(), from + PAGE_SIZE);
            JsonArray page = new JsonArray();
            tasks.subList(Math.min(from, to), to).forEach(t -> page.add(TaskView.sessionEra(t)));
            JsonObject result = new JsonObject().put("tasks", page);
            if (to < tasks.size()) {
                result.put("nextCursor", Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(to).getBytes(StandardCharsets.US_ASCII)));
            }
            return Future.succeededFuture(result);
        };
    }

    /**
     * Cancels a task still waiting for its review: it is never run, even if approved later
     * (whichever of this cancel and the approved call's claim gateway.tasks took first wins). A task
     * whose call already runs or has ended cannot be cancelled: -32602, as 2025-11-25 requires (a
     * 2026 client's cancel is acknowledged all the same, the extension's cancel being a request).
     */
    public MethodHandler cancel() {
        return call -> {
            TaskRecord task = task(call);
            boolean stateless = stateless(call);
            if (task.status() != TaskStatus.WORKING) {
                return stateless ? Future.succeededFuture(new JsonObject())
                        : Future.failedFuture(new RpcException(ErrorCodes.INVALID_PARAMS, "Task " + task.status().wireName()
                        + (task.status().isTerminal() ? ": it has ended" : ": its call is already running") + " and cannot be cancelled"));
            }
            TaskRecord cancelled = task.moved(TaskStatus.CANCELLED, "Cancelled by the client before its call ran", clock.millis(), null, null);
            return store.write(cancelled).map(v -> {
                TaskRecord standing = store.current(task.taskId()).orElse(cancelled);
                return stateless ? new JsonObject() : TaskView.sessionEra(standing);
            });
        };
    }

    /** 2026-07-28: a gateway task never asks for input, so there is nothing to answer; known tasks are acknowledged. */
    public MethodHandler update() {
        return call -> {
            task(call);
            if (call.paramsOrEmpty().containsKey("inputResponses") && !(call.paramsOrEmpty().getValue("inputResponses") instanceof JsonObject)) {
                throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: inputResponses must be an object");
            }
            return Future.succeededFuture(new JsonObject());
        };
    }

    private TaskRecord task(McpCall call) {
        Object id = call.paramsOrEmpty().getValue("taskId");
        if (!(id instanceof String taskId) || taskId.isEmpty() || taskId.length() > MAX_TASK_ID_CHARS) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: taskId must be a string of 1 to " + MAX_TASK_ID_CHARS + " characters");
        }
        return store.get(taskId, call.agent().id(), clock.millis())
                .orElseThrow(() -> new RpcException(ErrorCodes.INVALID_PARAMS, "Unknown task: " + taskId.replaceAll("[^A-Za-z0-9_-]", "?")));
    }

    private Future<TaskRecord> ended(TaskRecord task) {
        if (task.status().isTerminal()) {
            return Future.succeededFuture(task);
        }
        Promise<TaskRecord> ended = Promise.promise();
        long timer = vertx.setTimer(RESULT_WAIT.toMillis(), t -> ended.tryFail(new RpcException(ErrorCodes.AUTHORIZATION_UNAVAILABLE,
                "Task " + task.taskId() + " is still working after " + RESULT_WAIT.toMinutes() + " minutes: ask for its result again later")));
        awaitEnd(task.taskId(), ended);
        ended.future().onComplete(r -> vertx.cancelTimer(timer));
        return ended.future();
    }

    private void awaitEnd(String taskId, Promise<TaskRecord> ended) {
        store.watch(taskId, moved -> {
            if (moved.status().isTerminal()) {
                ended.tryComplete(moved);
            } else if (!ended.future().isComplete()) {
                awaitEnd(taskId, ended);
            }
        });
    }

    private static Future<JsonObject> outcome(TaskRecord task) {
        JsonObject related = new JsonObject().put(TaskView.RELATED_TASK, new JsonObject().put("taskId", task.taskId()));
        return switch (task.status()) {
            case COMPLETED -> {
                JsonObject result = task.result().copy();
                JsonObject meta = result.getValue("_meta") instanceof JsonObject m ? m : new JsonObject();
                yield Future.succeededFuture(result.put("_meta", meta.mergeIn(related)));
            }
            case FAILED -> Future.failedFuture(new RpcException(task.error().getInteger("code", ErrorCodes.INTERNAL_ERROR),
                    task.error().getString("message", "The task failed"), task.error().getValue("data")));
            default -> Future.failedFuture(new RpcException(ErrorCodes.REQUEST_CANCELLED, "Task " + task.taskId() + " was cancelled: its call never ran"));
        };
    }

    private static int offset(Object cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode((String) cursor), StandardCharsets.US_ASCII));
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid cursor");
        }
    }

    private static boolean stateless(McpCall call) {
        return call.era().isStateless();
    }
}
