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
    /** A request's ask for progress notifications, in every revision. */
    public static final String PROGRESS_TOKEN = "progressToken";
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private MetaKeys() {
    }
}
