package dev.mcpgw.edge.sep;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The intent id authorization/decide and authorization/receipt ask about, under any of the names a
 * client may know it by: {@code intentId}, or the draft's {@code receiptId} or {@code authorizationId}.
 * One intent that is not the caller's, or not known, is answered as unknown, whichever it is.
 */
final class IntentIds {
    private static final List<String> NAMES = List.of("intentId", "receiptId", "authorizationId");
    private static final int MAX_LENGTH = 128;

    private IntentIds() {
    }

    static String of(JsonObject params) {
        Object id = NAMES.stream().map(params::getValue).filter(v -> v != null).findFirst()
                .orElseThrow(() -> new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: intentId is required"));
        if (!(id instanceof String text) || text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: intentId must be a string of 1 to " + MAX_LENGTH + " characters");
        }
        return text;
    }

    static RpcException unknown(String id) {
        return new RpcException(ErrorCodes.INVALID_PARAMS, "Unknown intent: " + id + " (not proposed by this agent through this gateway instance,"
                + " or long forgotten)");
    }
}
