package dev.mcpgw.edge.task;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.method.McpCall;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a tools/call may be answered with a task, and for how long the task is kept. A
 * 2025-11-25 client asks with {@code params.task} (then it gets a task whatever the decision);
 * a 2026-07-28 client declares the {@code io.modelcontextprotocol/tasks} extension (then only a
 * call under review becomes a task, as the tool-approval extension has it). The TTL is the
 * client's {@code task.ttl} held between 20 minutes (a review waits up to 16) and a day, an hour
 * when not given.
 */
public record TaskRequest(boolean upFront, long ttlMs) {
    public static final String EXTENSION = "io.modelcontextprotocol/tasks";
    public static final String TOOL_APPROVAL = "io.modelcontextprotocol/tool-approval";
    static final Duration MIN_TTL = Duration.ofMinutes(20);
    static final Duration MAX_TTL = Duration.ofDays(1);
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    /** Empty when the call is to be answered without a task; INVALID_PARAMS for a malformed {@code params.task}. */
    public static Optional<TaskRequest> of(McpCall call) {
        if (call.era().isStateless()) {
            return call.client().capabilities().getValue("extensions") instanceof JsonObject extensions && extensions.containsKey(EXTENSION)
                    ? Optional.of(new TaskRequest(false, DEFAULT_TTL.toMillis())) : Optional.empty();
        }
        Object task = call.paramsOrEmpty().getValue("task");
        if (task == null || !ProtocolVersions.V2025_11_25.equals(call.protocolVersion())) {
            return Optional.empty();
        }
        if (!(task instanceof JsonObject metadata)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: task must be an object");
        }
        Object ttl = metadata.getValue("ttl");
        if (ttl != null && !(ttl instanceof Integer || ttl instanceof Long)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: task.ttl must be an integer number of milliseconds");
        }
        long asked = ttl == null ? DEFAULT_TTL.toMillis() : ((Number) ttl).longValue();
        return Optional.of(new TaskRequest(true, Math.max(MIN_TTL.toMillis(), Math.min(MAX_TTL.toMillis(), asked))));
    }
}
