package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.pinning.ToolTrust;
import java.util.List;
import java.util.Map;

/**
 * One configured tool server, written the way MCP clients configure servers: {@code command} +
 * {@code args} + {@code env} for stdio, or {@code url} + {@code headers} for Streamable HTTP.
 * {@code toolPrefix} namespaces its tools ({@code prefix__tool}); empty means no prefix.
 * {@code protocol} pins the MCP revision to speak with it; null finds out (server/discover, else
 * initialize). {@code trust} says how its tool definitions are pinned and scanned.
 */
public record DownstreamSpec(String name, String command, List<String> args, Map<String, String> env,
                             String url, Map<String, String> headers, String toolPrefix, String protocol, ToolTrust trust) {

    /** A server whose tools are pinned on first use, hidden when they change, and withheld when flagged. */
    public DownstreamSpec(String name, String command, List<String> args, Map<String, String> env,
                          String url, Map<String, String> headers, String toolPrefix, String protocol) {
        this(name, command, args, env, url, headers, toolPrefix, protocol, ToolTrust.DEFAULTS);
    }

    /** A server whose revision the gateway finds out. */
    public DownstreamSpec(String name, String command, List<String> args, Map<String, String> env,
                          String url, Map<String, String> headers, String toolPrefix) {
        this(name, command, args, env, url, headers, toolPrefix, null, ToolTrust.DEFAULTS);
    }

    public boolean isStdio() {
        return command != null;
    }

    public String exposedName(String tool) {
        return toolPrefix == null || toolPrefix.isEmpty() ? tool : toolPrefix + "__" + tool;
    }
}
