package dev.mcpgw.edge.task;

import dev.mcpgw.edge.decision.DenialEnvelope;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A task as each era shows it: 2025-11-25's {@code Task} ({@code ttl}, {@code pollInterval}; the
 * result only through tasks/result), and the 2026-07-28 tasks extension's {@code DetailedTask}
 * ({@code ttlMs}, {@code pollIntervalMs}, the result or error inline).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/tasks">Tasks (2025-11-25)</a>
 */
public final class TaskView {
    /** How often a client is asked to poll: a human review takes seconds at least. */
    public static final long POLL_INTERVAL_MS = 2000;
    /** The key 2025-11-25 puts in a result's {@code _meta} to name the task it belongs to. */
    public static final String RELATED_TASK = MetaKeys.RELATED_TASK;
    /** What 2025-11-25 lets a server say to the model at once while a task works. */
    public static final String IMMEDIATE_RESPONSE = MetaKeys.MODEL_IMMEDIATE_RESPONSE;

    private TaskView() {
    }

    public static JsonObject sessionEra(TaskRecord task) {
        return common(task).put("ttl", task.ttlMs()).put("pollInterval", POLL_INTERVAL_MS);
    }

    public static JsonObject stateless(TaskRecord task) {
        JsonObject view = common(task).put("ttlMs", task.ttlMs()).put("pollIntervalMs", POLL_INTERVAL_MS);
        if (task.status() == TaskStatus.COMPLETED) {
            view.put("result", task.result());
        } else if (task.status() == TaskStatus.FAILED) {
            view.put("error", task.error());
        }
        return view;
    }

    /** The answer to a call that became a task, in the client's era. */
    public static JsonObject created(TaskRecord task, boolean stateless) {
        if (stateless) {
            return awaitingReview(stateless(task).put("resultType", "task"), task);
        }
        JsonObject created = new JsonObject().put("task", sessionEra(task));
        if (task.statusMessage() != null) {
            created.put("_meta", new JsonObject().put(IMMEDIATE_RESPONSE, task.statusMessage()));
        }
        return awaitingReview(created, task);
    }

    /**
     * {@code answer} (the task's creation, or a tasks/get) with SEP-2643's denial envelope in its
     * {@code _meta} while the task holds its call for a review: a client polling after a restart
     * learns from any tasks/get why the task waits. Not once the call runs or has ended.
     */
    public static JsonObject awaitingReview(JsonObject answer, TaskRecord task) {
        if (task.status() == TaskStatus.WORKING) {
            JsonObject meta = answer.getValue("_meta") instanceof JsonObject m ? m : new JsonObject();
            answer.put("_meta", meta.put(DenialEnvelope.META, DenialEnvelope.awaitingReview(task.intentId())));
        }
        return answer;
    }

    /** 2025-11-25's {@code notifications/tasks/status}: the task as it stands now. */
    public static JsonObject statusNotification(TaskRecord task) {
        return JsonRpc.notification(McpMethods.TASK_STATUS, sessionEra(task));
    }

    private static JsonObject common(TaskRecord task) {
        JsonObject view = new JsonObject().put("taskId", task.taskId()).put("status", task.status().wireName())
                .put("createdAt", Instant.ofEpochMilli(task.createdAt()).toString())
                .put("lastUpdatedAt", Instant.ofEpochMilli(task.updatedAt()).toString());
        if (task.statusMessage() != null) {
            view.put("statusMessage", task.statusMessage());
        }
        return view;
    }
}
