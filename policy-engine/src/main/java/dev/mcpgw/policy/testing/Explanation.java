package dev.mcpgw.policy.testing;

import dev.mcpgw.policy.Decision;
import java.util.List;

/** A decision with how every rule of the policy stood towards the intent, in policy order. */
public record Explanation(Decision decision, List<RuleStanding> rules) {

    /**
     * One rule: whether it is about the intent (else which part of it did not match), and if so
     * whether it applies (else why not, in the engine's words).
     */
    public record RuleStanding(String ruleId, String effect, boolean about, boolean applies, String why) {
    }
}
