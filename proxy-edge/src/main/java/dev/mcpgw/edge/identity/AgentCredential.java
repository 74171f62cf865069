package dev.mcpgw.edge.identity;

import java.util.List;

/** One agent of the identity config: the id an API key maps to, and the agent's groups. */
public record AgentCredential(String id, String apiKey, List<String> groups) {
}
