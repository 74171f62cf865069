package dev.mcpgw.edge.mcp;

/**
 * The two ways MCP is spoken, which the edge bridges: the session era (2025-03-26 to 2025-11-25,
 * a session negotiated once by initialize, the server may ask the client during a call) and the
 * stateless era (2026-07-28, every request carries all it needs, the server asks for input in its
 * result). A client request's era is decided once, by the transport that received it; a tool
 * server's, once, by the handshake that opened it.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">Versioning (2026-07-28)</a>
 */
public enum Era {
    SESSION, STATELESS;

    /** The era of a revision; a revision the edge does not know (or none, before initialize) is treated as the session era's. */
    public static Era of(String protocolVersion) {
        return ProtocolVersions.isStateless(protocolVersion) ? STATELESS : SESSION;
    }

    public boolean isStateless() {
        return this == STATELESS;
    }
}
