package dev.mcpgw.edge.identity;

import java.util.List;
import java.util.Map;

/** One agent of the identity config: the id an API key maps to, the agent's groups and its attributes. */
public record AgentCredential(String id, String apiKey, List<String> groups, Map<String, String> attributes) {

    public AgentCredential(String id, String apiKey, List<String> groups) {
        this(id, apiKey, groups, Map.of());
    }
}
