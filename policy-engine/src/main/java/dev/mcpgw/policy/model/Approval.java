package dev.mcpgw.policy.model;

import java.time.Duration;
import java.util.List;

/**
 * Who must approve a call a review rule holds, how many of them, and how long a request stays
 * open: carried to the review queue with the decision.
 */
public record Approval(List<String> approvers, Duration expiresIn, int requiredApprovals) {

    @Override
    public String toString() {
        return requiredApprovals + " approval" + (requiredApprovals == 1 ? "" : "s") + " from " + String.join(", ", approvers)
                + (expiresIn == null ? "" : " within " + expiresIn.toString().substring(2).toLowerCase());
    }
}
