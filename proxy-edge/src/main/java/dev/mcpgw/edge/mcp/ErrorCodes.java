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

    /** MCP's own: a resource URI no server behind the gateway knows. */
    public static final int RESOURCE_NOT_FOUND = -32002;
    /** 2026-07-28: the mirrored request headers are missing, malformed, or disagree with the body. */
    public static final int HEADER_MISMATCH = -32020;
    /** 2026-07-28: the request needs a client capability its {@code _meta} did not declare. */
    public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
    /** 2026-07-28: the request's protocol revision is not one the gateway speaks. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    // The gateway's codes sit apart from those MCP revisions use (-32002, -32020..-32022, -32042).
    /** No verified credential came with the request. */
    public static final int UNAUTHORIZED = -32051;
    /** No decision could be had (timeout, Kafka unreachable): the call was not forwarded. */
    public static final int AUTHORIZATION_UNAVAILABLE = -32052;
    /** The downstream tool server could not be reached or failed to answer. */
    public static final int DOWNSTREAM_UNAVAILABLE = -32053;
    /** The client cancelled the request (notifications/cancelled); sent only where an HTTP answer is still owed. */
    public static final int REQUEST_CANCELLED = -32054;
    /** The agent holds as many sessions, streams or requests in flight as it may (HTTP 429 with Retry-After). */
    public static final int TOO_MANY_REQUESTS = -32055;
    /** The policy denied the request or holds it for review (any request but tools/call, whose refusal is a tool result). */
    public static final int REFUSED_BY_POLICY = -32056;
    /** The tool is held back: its definition changed since it was pinned and awaits an operator, or its text is aimed at the model. */
    public static final int TOOL_HELD_BACK = -32057;

    // The seed's SEP draft (pre-execution authorization) defines -32100..-32105; the gateway answers with these three.
    /** AuthorizationDenied: an unknown or another agent's authorization, a call other than the authorized one, a propose claiming another principal. */
    public static final int SEP_AUTHORIZATION_DENIED = -32101;
    /** AuthorizationExpired: the authorization's time to live had passed. */
    public static final int SEP_AUTHORIZATION_EXPIRED = -32102;
    /** ClaimConflict: the single-use authorization was already used by another call. */
    public static final int SEP_CLAIM_CONFLICT = -32104;

    private ErrorCodes() {
    }

    /** True for a code the gateway answers with in its own name: -32051 to -32057, and the SEP draft's -32100 to -32105. */
    public static boolean isGateways(int code) {
        return code >= TOOL_HELD_BACK && code <= UNAUTHORIZED || code >= -32105 && code <= -32100;
    }
}
