package dev.mcpgw.edge.mcp;

/** MCP method names the edge handles itself. */
public final class McpMethods {
    public static final String INITIALIZE = "initialize";
    public static final String INITIALIZED = "notifications/initialized";
    public static final String PING = "ping";
    public static final String TOOLS_LIST = "tools/list";
    public static final String TOOLS_CALL = "tools/call";
    public static final String CANCELLED = "notifications/cancelled";

    private McpMethods() {
    }
}
