package dev.mcpgw.edge.mcp;

import io.vertx.core.json.JsonObject;

/** A failure that becomes a JSON-RPC error object: code, message and optional data. */
public final class RpcException extends RuntimeException {
    private final int code;
    private final Object data;

    public RpcException(int code, String message) {
        this(code, message, null);
    }

    public RpcException(int code, String message, Object data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    /**
     * Rebuilds a peer's error object so it can be relayed unchanged; a code that is not a whole
     * number, or a message that is not text, is not the peer's to relay: internal error, "error".
     */
    public static RpcException fromErrorObject(JsonObject error) {
        int code = error.getValue("code") instanceof Number number && number.doubleValue() == number.intValue()
                ? number.intValue() : ErrorCodes.INTERNAL_ERROR;
        return new RpcException(code, error.getValue("message") instanceof String message ? message : "error", error.getValue("data"));
    }

    public int code() {
        return code;
    }

    public JsonObject toErrorObject() {
        JsonObject error = new JsonObject().put("code", code).put("message", getMessage());
        if (data != null) {
            error.put("data", data);
        }
        return error;
    }
}
