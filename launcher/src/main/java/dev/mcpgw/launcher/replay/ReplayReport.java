package dev.mcpgw.launcher.replay;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replay's result: how many recorded intents in range were decided again, how many had no
 * decision on record (so nothing to compare with), and every decision that would change.
 */
public record ReplayReport(long replayed, long unrecorded, List<ChangedDecision> changes) {

    /** How many changed decisions each rule is involved in, by rule id. */
    public Map<String, Long> changesPerRule() {
        Map<String, Long> perRule = new TreeMap<>();
        changes.forEach(c -> c.rulesInvolved().forEach(rule -> perRule.merge(rule, 1L, Long::sum)));
        return perRule;
    }
}
