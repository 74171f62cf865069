package dev.mcpgw.edge.sep;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.method.McpCall;
import dev.mcpgw.edge.mcp.method.MethodHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * authorization/decide: the decision on an intent the caller proposed, polled ({@code waitMs} 0,
 * the default) or awaited until it is final (ALLOW or DENY), at most {@code waitMs}, bounded by
 * the gateway. An intent of another agent is answered exactly as an unknown one.
 */
public final class DecideHandler implements MethodHandler {
    private final ProposedIntents proposed;
    private final SepSettings settings;

    public DecideHandler(ProposedIntents proposed, SepSettings settings) {
        this.proposed = proposed;
        this.settings = settings;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        JsonObject params = call.paramsOrEmpty();
        String id = IntentIds.of(params);
        Duration wait = waitOf(params);
        ProposedIntents.Proposed intent = proposed.find(call.agent().id(), id).orElseThrow(() -> IntentIds.unknown(id));
        return proposed.finalDecision(intent, wait).map(SepAnswers::of);
    }

    private Duration waitOf(JsonObject params) {
        Object value = params.getValue("waitMs");
        if (value == null) {
            return Duration.ZERO;
        }
        long max = settings.maxWait().toMillis();
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 0 || n.doubleValue() > max) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: waitMs must be a whole number of milliseconds from 0 to " + max);
        }
        return Duration.ofMillis(n.longValue());
    }
}
