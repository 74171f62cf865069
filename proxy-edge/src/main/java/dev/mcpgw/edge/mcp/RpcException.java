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

    /** Rebuilds a downstream server's error object so it can be relayed unchanged. */
    public static RpcException fromErrorObject(JsonObject error) {
        return new RpcException(error.getInteger("code", ErrorCodes.INTERNAL_ERROR),
                error.getString("message", "downstream error"), error.getValue("data"));
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
