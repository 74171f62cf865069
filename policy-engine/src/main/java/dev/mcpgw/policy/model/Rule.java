package dev.mcpgw.policy.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.policy.condition.Condition;
import dev.mcpgw.policy.constraint.ArgumentConstraint;
import dev.mcpgw.policy.match.AgentMatcher;
import dev.mcpgw.policy.match.NameMatcher;
import dev.mcpgw.policy.match.RequestMatcher;
import dev.mcpgw.policy.ratelimit.RateLimit;
import dev.mcpgw.policy.scan.ContentScanner;
import dev.mcpgw.policy.scan.Detector;
import dev.mcpgw.policy.scan.Finding;
import dev.mcpgw.policy.time.TimeWindow;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One rule. It is about a request when agent, server, kind of request and target (tool, prompt,
 * resource) match; it applies to that call when, in
 * addition, every argument constraint holds, the event time is inside its window, its condition is
 * true and, if it scans, one of its detectors finds something in the arguments. Absent parts
 * constrain nothing. A rate limit caps how many of the calls it applies to may go through; an
 * approval says who must approve the calls a review rule holds.
 */
public record Rule(String id, String description, Effect effect, AgentMatcher agents, NameMatcher servers, RequestMatcher requests,
                   List<ArgumentConstraint> arguments, TimeWindow window, Condition condition, List<Detector> scan,
                   RateLimit rateLimit, Approval approval) {

    public boolean isAbout(ToolIntent intent) {
        return agents.matches(intent.agentId(), intent.agentGroups())
                && servers.matches(intent.server())
                && requests.matches(intent);
    }

    /**
     * Whether the rule applies to every call it is {@link #isAbout about}, whatever its arguments and
     * time: no argument constraint, window, condition or scan can make {@link #outcome} miss.
     */
    public boolean appliesToEveryCall() {
        return arguments.isEmpty() && window == null && condition == null && scan.isEmpty();
    }

    /** For a call the rule {@link #isAbout is about}: whether it applies, and why not or what it found. */
    public RuleOutcome outcome(ToolIntent intent, JsonNode document) {
        for (ArgumentConstraint constraint : arguments) {
            Optional<String> violation = constraint.violation(intent.arguments());
            if (violation.isPresent()) {
                return RuleOutcome.doesNotApply(violation.get());
            }
        }
        if (window != null) {
            Optional<String> outside = window.violation(intent.eventTime());
            if (outside.isPresent()) {
                return RuleOutcome.doesNotApply(outside.get());
            }
        }
        if (condition != null && !condition.test(document)) {
            return RuleOutcome.doesNotApply("its condition is not met");
        }
        if (scan.isEmpty()) {
            return RuleOutcome.applies(List.of());
        }
        List<Finding> findings = ContentScanner.scan(intent.arguments(), scan);
        return findings.isEmpty() ? RuleOutcome.doesNotApply("its detectors found nothing") : RuleOutcome.applies(findings);
    }

    /** The reason shown to the caller and written to the receipt: the rule, and what its detectors found (never the values). */
    public String reason(RuleOutcome outcome) {
        String verb = switch (effect) {
            case ALLOW -> "allowed";
            case DENY -> "denied";
            case REVIEW -> "sent to review";
        };
        String found = outcome.findings().isEmpty() ? ""
                : " (found " + outcome.findings().stream().map(Finding::toString).collect(Collectors.joining(", ")) + ")";
        String approvers = approval == null ? "" : " (needs " + approval + ")";
        return verb + " by rule " + id + (description == null || description.isBlank() ? "" : ": " + description) + found + approvers;
    }
}
