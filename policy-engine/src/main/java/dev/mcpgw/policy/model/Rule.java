package dev.mcpgw.policy.model;

import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.policy.match.AgentMatcher;
import dev.mcpgw.policy.match.NameMatcher;

/** One rule: when agent, server and tool all match, the rule applies its effect. */
public record Rule(String id, String description, Effect effect, AgentMatcher agents, NameMatcher servers, NameMatcher tools) {

    public boolean matches(ToolIntent intent) {
        return agents.matches(intent.agentId(), intent.agentGroups())
                && servers.matches(intent.server())
                && tools.matches(intent.tool());
    }

    /** The reason shown to the caller and written to the receipt. */
    public String reason() {
        String verb = switch (effect) {
            case ALLOW -> "allowed";
            case DENY -> "denied";
            case REVIEW -> "sent to review";
        };
        return verb + " by rule " + id + (description == null || description.isBlank() ? "" : ": " + description);
    }
}
