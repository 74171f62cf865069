package dev.mcpgw.policy.model;

import dev.mcpgw.policy.scan.Finding;
import java.util.List;

/**
 * How one rule stands towards a call it is about: it applies (with what its detectors found, if
 * it scans), or it does not, and why.
 */
public record RuleOutcome(boolean applies, String whyNot, List<Finding> findings) {

    static RuleOutcome applies(List<Finding> findings) {
        return new RuleOutcome(true, null, List.copyOf(findings));
    }

    static RuleOutcome doesNotApply(String why) {
        return new RuleOutcome(false, why, List.of());
    }
}
