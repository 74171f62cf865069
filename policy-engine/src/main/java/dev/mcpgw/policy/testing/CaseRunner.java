package dev.mcpgw.policy.testing;

import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.PolicyEngine;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.model.Rule;
import dev.mcpgw.policy.ratelimit.RateCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Decides each case with the engine the stream uses, and compares the decision with what the case expects. */
public final class CaseRunner {
    private final PolicyEngine engine = new PolicyEngine();

    public CaseResult run(PolicyCase testCase, Policy policy) throws CaseException {
        Decision decision = engine.decide(testCase.intent(), policy, counts(testCase, policy));
        List<String> differences = new ArrayList<>();
        if (decision.effect() != testCase.effect()) {
            differences.add("effect: expected " + testCase.effect() + ", got " + decision.effect());
        }
        if (testCase.rules() != null && !sorted(testCase.rules()).equals(sorted(decision.matchedRules()))) {
            differences.add("rules: expected " + sorted(testCase.rules()) + ", got " + sorted(decision.matchedRules()));
        }
        return new CaseResult(testCase, decision, List.copyOf(differences));
    }

    /** The counts a case names, on the counters of this intent (the same keys the stream keeps). */
    private static RateCounts counts(PolicyCase testCase, Policy policy) throws CaseException {
        Map<String, Long> byCounter = new HashMap<>();
        for (Map.Entry<String, Long> counted : testCase.counted().entrySet()) {
            Rule rule = policy.rules().stream().filter(r -> r.id().equals(counted.getKey())).findFirst()
                    .orElseThrow(() -> new CaseException(testCase.name() + ": counted names rule " + counted.getKey()
                            + ", which the policy does not have"));
            if (rule.rateLimit() == null) {
                throw new CaseException(testCase.name() + ": counted names rule " + rule.id() + ", which has no rate limit");
            }
            byCounter.put(rule.rateLimit().counterKey(rule.id(), testCase.intent()), counted.getValue());
        }
        return key -> byCounter.getOrDefault(key, 0L);
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }
}
