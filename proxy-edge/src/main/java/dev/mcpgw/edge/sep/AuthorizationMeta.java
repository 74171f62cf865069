package dev.mcpgw.edge.sep;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The authorization a tools/call presents, in the draft's place: {@code _meta.authorizationId}.
 * The tool server never sees it: it is the gateway's business.
 */
public final class AuthorizationMeta {
    static final String KEY = "authorizationId";
    private static final int MAX_LENGTH = 128;

    private AuthorizationMeta() {
    }

    /** The id presented, if any; -32602 when it is there but not a string of 1 to 128 characters. */
    public static Optional<String> of(JsonObject params) {
        Object meta = params.getValue("_meta");
        if (!(meta instanceof JsonObject object) || !object.containsKey(KEY)) {
            return Optional.empty();
        }
        if (!(object.getValue(KEY) instanceof String id) || id.isEmpty() || id.length() > MAX_LENGTH) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: _meta.authorizationId must be a string of 1 to "
                    + MAX_LENGTH + " characters");
        }
        return Optional.of(id);
    }

    /** A copy of {@code params} without the authorization, to send on. */
    public static JsonObject without(JsonObject params) {
        JsonObject copy = params.copy();
        if (copy.getValue("_meta") instanceof JsonObject meta) {
            meta.remove(KEY);
        }
        return copy;
    }
}
