package dev.mcpgw.edge.task;

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
    public static final String RELATED_TASK = "io.modelcontextprotocol/related-task";
    /** What 2025-11-25 lets a server say to the model at once while a task works. */
    public static final String IMMEDIATE_RESPONSE = "io.modelcontextprotocol/model-immediate-response";

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
            return stateless(task).put("resultType", "task");
        }
        JsonObject created = new JsonObject().put("task", sessionEra(task));
        if (task.statusMessage() != null) {
            created.put("_meta", new JsonObject().put(IMMEDIATE_RESPONSE, task.statusMessage()));
        }
        return created;
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
