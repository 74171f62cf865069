package dev.mcpgw.launcher.replay;

import java.util.List;

/** What a policy decided about an intent: the effect and every rule that applied, sorted. */
public record RecordedDecision(String effect, List<String> rules) {

    public static RecordedDecision of(String effect, List<String> rules) {
        return new RecordedDecision(effect, rules.stream().sorted().toList());
    }
}
