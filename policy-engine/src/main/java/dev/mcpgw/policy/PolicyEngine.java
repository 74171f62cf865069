package dev.mcpgw.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.policy.condition.IntentDocument;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.model.Rule;
import dev.mcpgw.policy.model.RuleOutcome;
import dev.mcpgw.policy.ratelimit.RateCounts;
import dev.mcpgw.policy.ratelimit.RateLimit;
import dev.mcpgw.policy.scan.ArgumentPlace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides an intent against a policy and the calls already counted against rate limits. A pure
 * function: everything it depends on is an argument, so the decision stream, dry runs and replay
 * all get the same answer. Any error while evaluating denies (fails closed) and says so.
 */
public final class PolicyEngine {

    public Decision decide(ToolIntent intent, Policy policy, RateCounts counts) {
        try {
            return evaluate(intent, policy, counts);
        } catch (RuntimeException e) {
            // The class alone: a message may quote the arguments, and reasons go into receipts.
            return Decision.failedClosed(e.getClass().getSimpleName());
        }
    }

    private Decision evaluate(ToolIntent intent, Policy policy, RateCounts counts) {
        JsonNode document = IntentDocument.of(intent);
        List<Rule> applied = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<String> nearMisses = new ArrayList<>();
        Set<ArgumentPlace> redact = new TreeSet<>();
        List<String> counters = new ArrayList<>();
        boolean overLimit = false;
        for (Rule rule : policy.rules()) {
            if (!rule.isAbout(intent)) {
                continue;
            }
            RuleOutcome outcome = rule.outcome(intent, document);
            if (!outcome.applies()) {
                if (rule.effect() == Effect.ALLOW) {
                    // Only an allow rule that missed explains a denial; a deny or review rule that missed is the good case.
                    nearMisses.add("rule " + rule.id() + " does not apply: " + outcome.whyNot());
                }
                continue;
            }
            applied.add(rule);
            outcome.findings().forEach(f -> redact.add(f.place()));
            RateLimit limit = rule.rateLimit();
            String counter = limit == null ? null : limit.counterKey(rule.id(), intent);
            if (counter != null && counts.count(counter) >= limit.requests()) {
                overLimit = true;
                reasons.add("denied by the rate limit of rule " + rule.id() + ": " + limit + " used up; resets at "
                        + limit.windowEnd(intent.eventTime()));
            } else {
                reasons.add(rule.reason(outcome));
                if (counter != null) {
                    counters.add(counter);
                }
            }
        }
        Effect effect = overLimit ? Effect.DENY : combine(applied, policy.defaultEffect());
        if (applied.isEmpty()) {
            reasons.add("no rule matched; policy default is " + policy.defaultEffect().name().toLowerCase());
            reasons.addAll(nearMisses);
        }
        return new Decision(effect, applied.stream().map(Rule::id).toList(), List.copyOf(reasons), List.of(), List.copyOf(redact),
                effect == Effect.DENY ? List.of() : List.copyOf(counters));
    }

    /** Precedence, written once: an explicit deny (or a used-up rate limit) beats review, review beats allow, no match takes the default. */
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
