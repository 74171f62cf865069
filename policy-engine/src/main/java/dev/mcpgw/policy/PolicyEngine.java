package dev.mcpgw.policy;

import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.model.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides an intent against a policy. A pure function: everything it depends on is an argument, so
 * the decision stream, {@code gateway policy test} and replay all get the same answer.
 */
public final class PolicyEngine {

    public Decision decide(ToolIntent intent, Policy policy) {
        try {
            return evaluate(intent, policy);
        } catch (RuntimeException e) {
            return Decision.failedClosed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Decision evaluate(ToolIntent intent, Policy policy) {
        List<Rule> matched = policy.rules().stream().filter(rule -> rule.matches(intent)).toList();
        Effect effect = combine(matched, policy.defaultEffect());
        List<String> ids = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Rule rule : matched) {
            ids.add(rule.id());
            reasons.add(rule.reason());
        }
        if (matched.isEmpty()) {
            reasons.add("no rule matched; policy default is " + policy.defaultEffect().name().toLowerCase());
        }
        return new Decision(effect, List.copyOf(ids), List.copyOf(reasons), List.of());
    }

    /** Precedence, written once: an explicit deny beats review, review beats allow, no match takes the default. */
    static Effect combine(List<Rule> matched, Effect defaultEffect) {
        if (matched.stream().anyMatch(r -> r.effect() == Effect.DENY)) {
            return Effect.DENY;
        }
        if (matched.stream().anyMatch(r -> r.effect() == Effect.REVIEW)) {
            return Effect.REVIEW;
        }
        if (matched.stream().anyMatch(r -> r.effect() == Effect.ALLOW)) {
            return Effect.ALLOW;
        }
        return defaultEffect;
    }
}
