package dev.mcpgw.stream.processor;

import dev.mcpgw.schemas.ApprovalSettings;
import dev.mcpgw.schemas.ReviewVerdict;
import java.util.List;

/**
 * Whether a verdict's approver may answer a review: the rule names approvers by id, "group:NAME"
 * or "role:NAME" (a group or role the review service gave the approver, named bare or with its
 * prefix); a rule naming none lets any approver answer. The calling agent never approves its own call.
 */
final class Approvers {
    private static final List<String> PREFIXES = List.of("group:", "role:");

    private Approvers() {
    }

    static boolean allowed(ApprovalSettings approval, ReviewVerdict verdict, String agentId) {
        if (verdict.getApprover().equals(agentId)) {
            return false;
        }
        return approval.getApprovers().isEmpty() || approval.getApprovers().stream().anyMatch(named -> names(named, verdict));
    }

    private static boolean names(String named, ReviewVerdict verdict) {
        for (String prefix : PREFIXES) {
            if (named.startsWith(prefix)) {
                String group = named.substring(prefix.length());
                return verdict.getApproverGroups().contains(group) || verdict.getApproverGroups().contains(named);
            }
        }
        return named.equals(verdict.getApprover());
    }
}
