package dev.mcpgw.stream.processor;

import dev.mcpgw.policy.Decision;
import dev.mcpgw.schemas.Intent;

/** An intent with the decision the policy gave it; passed in memory from evaluate to chain. */
public record Evaluation(Intent intent, String policyVersion, Decision decision) {
}
