package dev.mcpgw.policy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.policy.PolicyEngine;
import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.policy.condition.IntentDocument;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.model.Rule;
import dev.mcpgw.policy.model.RuleOutcome;
import dev.mcpgw.policy.ratelimit.RateCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Explains one decision: the engine decides, and each rule says where it stood, judged by the same
 * matchers and outcomes the engine uses.
 */
public final class Explainer {
    private final PolicyEngine engine = new PolicyEngine();

    public Explanation explain(ToolIntent intent, Policy policy, RateCounts counts) {
        JsonNode document = IntentDocument.of(intent);
        List<Explanation.RuleStanding> rules = new ArrayList<>();
        for (Rule rule : policy.rules()) {
            String effect = rule.effect().name().toLowerCase(Locale.ROOT);
            if (!rule.isAbout(intent)) {
                rules.add(new Explanation.RuleStanding(rule.id(), effect, false, false, mismatch(rule, intent)));
                continue;
            }
            RuleOutcome outcome = rule.outcome(intent, document);
            rules.add(new Explanation.RuleStanding(rule.id(), effect, true, outcome.applies(),
                    outcome.applies() ? rule.reason(outcome) : outcome.whyNot()));
        }
        return new Explanation(engine.decide(intent, policy, counts), List.copyOf(rules));
    }

    private static String mismatch(Rule rule, ToolIntent intent) {
        if (!rule.agents().matches(intent.agentId(), intent.agentGroups())) {
            return "its agents do not include " + intent.agentId();
        }
        if (!rule.servers().matches(intent.server())) {
            return "its servers do not include " + intent.server();
        }
        return "it is not about " + intent.request().wireName() + " " + intent.tool();
    }
}
