package dev.mcpgw.edge.mcp.transport;

/** A legacy-era client session: bound to the agent that opened it and to the negotiated revision. */
public record McpSession(String id, String agentId, String protocolVersion) {
}
