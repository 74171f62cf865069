package dev.mcpgw.edge.mcp;

import java.util.List;

/**
 * The MCP revisions the edge speaks with session-based Streamable HTTP, newest first.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#version-negotiation">Version negotiation</a>
 */
public final class ProtocolVersions {
    public static final String V2025_03_26 = "2025-03-26";
    public static final String V2025_06_18 = "2025-06-18";
    public static final String V2025_11_25 = "2025-11-25";
    public static final List<String> SESSION_ERA = List.of(V2025_11_25, V2025_06_18, V2025_03_26);
    public static final String LATEST_SESSION_ERA = V2025_11_25;

    private ProtocolVersions() {
    }

    /** The version to answer an initialize with: the client's if we speak it, else our latest. */
    public static String negotiate(String requested) {
        return SESSION_ERA.contains(requested) ? requested : LATEST_SESSION_ERA;
    }

    public static boolean supports(String version) {
        return SESSION_ERA.contains(version);
    }
}
