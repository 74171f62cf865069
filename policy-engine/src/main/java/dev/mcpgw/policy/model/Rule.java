package dev.mcpgw.policy.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.policy.condition.Condition;
import dev.mcpgw.policy.constraint.ArgumentConstraint;
import dev.mcpgw.policy.match.AgentMatcher;
import dev.mcpgw.policy.match.NameMatcher;
import dev.mcpgw.policy.time.TimeWindow;
import java.util.List;
import java.util.Optional;

/**
 * One rule. It is about a call when agent, server and tool match; it applies to that call when, in
 * addition, every argument constraint holds, the event time is inside its window and its condition
 * is true. Absent parts constrain nothing.
 */
public record Rule(String id, String description, Effect effect, AgentMatcher agents, NameMatcher servers, NameMatcher tools,
                   List<ArgumentConstraint> arguments, TimeWindow window, Condition condition) {

    public boolean isAbout(ToolIntent intent) {
        return agents.matches(intent.agentId(), intent.agentGroups())
                && servers.matches(intent.server())
                && tools.matches(intent.tool());
    }

    /** For a call the rule is about: empty when it applies, else the first reason it does not. */
    public Optional<String> whyNotApplies(ToolIntent intent, JsonNode document) {
        for (ArgumentConstraint constraint : arguments) {
            Optional<String> violation = constraint.violation(intent.arguments());
            if (violation.isPresent()) {
                return violation;
            }
        }
        if (window != null) {
            Optional<String> outside = window.violation(intent.eventTime());
            if (outside.isPresent()) {
                return outside;
            }
        }
        if (condition != null && !condition.test(document)) {
            return Optional.of("its condition is not met");
        }
        return Optional.empty();
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
