package dev.mcpgw.policy.testing;

import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.ToolIntent;
import java.util.List;
import java.util.Map;

/** One runnable test case: the intent, the rate-limit counts it meets, and the expected effect and rules (null: not checked). */
public record PolicyCase(String name, ToolIntent intent, Map<String, Long> counted, Effect effect, List<String> rules) {
}
