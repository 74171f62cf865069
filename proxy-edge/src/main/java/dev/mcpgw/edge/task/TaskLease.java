package dev.mcpgw.edge.task;

import io.vertx.core.json.JsonObject;

/**
 * An edge instance saying on gateway.tasks that it is alive: the one reading decide partition
 * {@code partition}, as of {@code renewedAt} by its own clock (see {@link TaskLeases}).
 */
public record TaskLease(int partition, String instanceId, long renewedAt) {
    /** The key of a partition's leases on gateway.tasks: ':' is never in a task id, so no task shares it. */
    public String key() {
        return "lease:" + partition;
    }

    public JsonObject toJson() {
        return new JsonObject().put("partition", partition).put("instanceId", instanceId).put("renewedAt", renewedAt);
    }

    /** Throws IllegalArgumentException (or ClassCastException, NullPointerException) on anything but a lease this class wrote. */
    public static TaskLease fromJson(JsonObject json) {
        String instanceId = json.getString("instanceId");
        if (instanceId == null) {
            throw new IllegalArgumentException("a lease names no instance");
        }
        return new TaskLease(json.getInteger("partition"), instanceId, json.getLong("renewedAt"));
    }
}
