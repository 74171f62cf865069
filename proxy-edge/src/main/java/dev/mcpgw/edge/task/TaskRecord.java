package dev.mcpgw.edge.task;

import io.vertx.core.json.JsonObject;

/**
 * One task as gateway.tasks holds it: whose it is (the authenticated agent), which call (the
 * intent, as proposed, while it waits: the instance that runs it after a restart reads the call
 * from here), which edge instance's decide partition its final decision goes to, and how it stands.
 * {@code claim} names the one forwarding of the call (see {@link TaskStore#claim}) and
 * {@code claimedBy} the decide partition of the instance that made it (null in records written
 * before an instance could take over another's tasks: the owner's). {@code result} is the tool's
 * result on completion, {@code error} the JSON-RPC error on failure.
 */
public record TaskRecord(String taskId, String agentId, String intentId, String tool, int ownerPartition, TaskStatus status,
                         String statusMessage, long createdAt, long updatedAt, long ttlMs, String intent, String claim,
                         Integer claimedBy, JsonObject result, JsonObject error) {

    public boolean isExpired(long now) {
        return now >= createdAt + ttlMs;
    }

    /** The decide partition of the instance whose claim this task carries. */
    public int claimant() {
        return claimedBy == null ? ownerPartition : claimedBy;
    }

    /** This task moved on to {@code next} at {@code now}, keeping its claim; what it carried of the call is dropped once it has ended. */
    public TaskRecord moved(TaskStatus next, String message, long now, JsonObject newResult, JsonObject newError) {
        return new TaskRecord(taskId, agentId, intentId, tool, ownerPartition, next, message, createdAt, now, ttlMs,
                next.isTerminal() ? null : intent, claim, claimedBy, newResult, newError);
    }

    /** This task claimed at {@code now} by the instance reading decide partition {@code partition}, to forward its call. */
    public TaskRecord claimed(String newClaim, int partition, String message, long now) {
        return new TaskRecord(taskId, agentId, intentId, tool, ownerPartition, TaskStatus.FORWARDING, message, createdAt, now, ttlMs,
                intent, newClaim, partition, null, null);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("taskId", taskId).put("agentId", agentId).put("intentId", intentId).put("tool", tool)
                .put("ownerPartition", ownerPartition).put("status", status.name()).put("statusMessage", statusMessage)
                .put("createdAt", createdAt).put("updatedAt", updatedAt).put("ttlMs", ttlMs)
                .put("intent", intent).put("claim", claim).put("claimedBy", claimedBy).put("result", result).put("error", error);
    }

    /** Throws IllegalArgumentException (or ClassCastException) on anything but a record this class wrote. */
    public static TaskRecord fromJson(JsonObject json) {
        return new TaskRecord(required(json.getString("taskId")), required(json.getString("agentId")), required(json.getString("intentId")),
                required(json.getString("tool")), json.getInteger("ownerPartition"), TaskStatus.valueOf(json.getString("status")),
                json.getString("statusMessage"), json.getLong("createdAt"), json.getLong("updatedAt"), json.getLong("ttlMs"),
                json.getString("intent"), json.getString("claim"), json.getInteger("claimedBy"), json.getJsonObject("result"), json.getJsonObject("error"));
    }

    private static String required(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a task record lacks a field it needs");
        }
        return value;
    }
}
