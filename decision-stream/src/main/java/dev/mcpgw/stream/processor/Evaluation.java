package dev.mcpgw.stream.processor;

import dev.mcpgw.policy.Decision;
import dev.mcpgw.schemas.ApprovalSettings;
import dev.mcpgw.schemas.Intent;

/**
 * An intent (redacted for its receipt) with the decision the policy gave it; passed in memory
 * from evaluate to chain. For a REVIEW, also the intent as proposed (a pending review is evaluated
 * again when the policy changes) and what its rules ask of the review; both null otherwise.
 */
public record Evaluation(Intent intent, String policyVersion, Decision decision, Intent proposed, ApprovalSettings approval) {

    public Evaluation(Intent intent, String policyVersion, Decision decision) {
        this(intent, policyVersion, decision, null, null);
    }
}
