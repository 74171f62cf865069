package dev.mcpgw.policy.model;

import java.time.Duration;
import java.util.List;

/**
 * Who must approve a call a review rule holds, how many of them, and how long a request stays
 * open: carried to the review queue with the decision. {@code askClientUser}: the calling client's
 * own user may also approve, through MCP elicitation; only on a rule naming no approvers, since that
 * user never stands in for a named one.
 */
public record Approval(List<String> approvers, Duration expiresIn, int requiredApprovals, boolean askClientUser) {

    @Override
    public String toString() {
        String from = approvers.isEmpty() ? "any approver" : String.join(", ", approvers);
        return requiredApprovals + " approval" + (requiredApprovals == 1 ? "" : "s") + " from " + from
                + (askClientUser && approvers.isEmpty() ? " or the calling client's user" : "")
                + (expiresIn == null ? "" : " within " + expiresIn.toString().substring(2).toLowerCase());
    }
}
