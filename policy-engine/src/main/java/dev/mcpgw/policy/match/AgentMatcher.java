package dev.mcpgw.policy.match;

import java.util.List;
import java.util.Set;

/**
 * Matches the authenticated agent: each entry is an agent-id glob, or {@code group:NAME} for a
 * group the identity config gives the agent. An empty list matches every agent.
 */
public record AgentMatcher(List<Glob> ids, List<String> groups) {
    private static final String GROUP_PREFIX = "group:";

    public static AgentMatcher of(List<String> entries) {
        if (entries == null) {
            return new AgentMatcher(List.of(), List.of());
        }
        List<String> groups = entries.stream().filter(e -> e.startsWith(GROUP_PREFIX))
                .map(e -> e.substring(GROUP_PREFIX.length())).toList();
        List<Glob> ids = entries.stream().filter(e -> !e.startsWith(GROUP_PREFIX)).map(Glob::compile).toList();
        return new AgentMatcher(ids, groups);
    }

    public boolean matches(String agentId, Set<String> agentGroups) {
        if (ids.isEmpty() && groups.isEmpty()) {
            return true;
        }
        return ids.stream().anyMatch(g -> g.matches(agentId)) || groups.stream().anyMatch(agentGroups::contains);
    }
}
