package dev.mcpgw.edge.mcp;

/**
 * Reserved {@code _meta} keys of MCP 2026-07-28: the per-request envelope a client sends in place
 * of the initialize handshake, and the server's identity on every result.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic">MCP 2026-07-28, Base protocol</a>
 */
public final class MetaKeys {
    public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    public static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    public static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    public static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    public static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
    /** The gateway's own keys (its decision), and the prefix no server's key may have. */
    public static final String GATEWAY_PREFIX = "dev.mcpgw/";
    /** The denial envelope of SEP-2848's draft, on what answers a refused or held call. */
    public static final String AUTHORIZATION = "io.modelcontextprotocol/authorization";
    /** SEP-2848's outcome of an approval task's call. */
    public static final String TOOL_APPROVAL_DISPOSITION = "io.modelcontextprotocol/tool-approval-disposition";
    /** 2025-11-25: the task a message belongs to. */
    public static final String RELATED_TASK = "io.modelcontextprotocol/related-task";
    /** 2025-11-25: what a model is told while a task it created runs. */
    public static final String MODEL_IMMEDIATE_RESPONSE = "io.modelcontextprotocol/model-immediate-response";
    /** A request's ask for progress notifications, in every revision. */
    public static final String PROGRESS_TOKEN = "progressToken";
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private MetaKeys() {
    }
}
