package dev.mcpgw.edge.mcp;

/**
 * JSON-RPC 2.0 error codes, and the gateway's own in the implementation-defined server range.
 *
 * @see <a href="https://www.jsonrpc.org/specification#error_object">JSON-RPC 2.0, Error object</a>
 */
public final class ErrorCodes {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    /** No verified credential came with the request. */
    public static final int UNAUTHORIZED = -32001;
    /** No decision could be had (timeout, Kafka unreachable): the call was not forwarded. */
    public static final int AUTHORIZATION_UNAVAILABLE = -32002;
    /** The downstream tool server could not be reached or failed to answer. */
    public static final int DOWNSTREAM_UNAVAILABLE = -32003;

    private ErrorCodes() {
    }
}
