package dev.mcpgw.stream.processor;

import dev.mcpgw.schemas.ApprovalSettings;
import dev.mcpgw.schemas.ReviewVerdict;
import java.util.List;

/**
 * Whether a verdict's approver may answer a review: the rule names approvers by id, "group:NAME"
 * or "role:NAME" (a group or role the review service gave the approver, named bare or with its
 * prefix); a rule naming none lets any approver answer. The calling agent never approves its own
 * call, with one exception the rule must grant: on the elicitation channel the edge asked the
 * client's own user, whose verdict is {@link #clientUser} of that agent and counts only where the
 * review allows it (askCallingUser, never set with named approvers).
 */
final class Approvers {
    static final String ELICITATION = "elicitation";
    private static final List<String> PREFIXES = List.of("group:", "role:");

    private Approvers() {
    }

    /** The approver of a verdict given by the user of {@code agentId}'s own client. */
    static String clientUser(String agentId) {
        return "client-user:" + agentId;
    }

    /** Whether the review lets the calling client's user answer: the rule asked for it and names nobody. */
    static boolean asksCallingUser(ApprovalSettings approval) {
        return approval.getAskCallingUser() && approval.getApprovers().isEmpty();
    }

    static boolean allowed(ApprovalSettings approval, ReviewVerdict verdict, String agentId) {
        if (ELICITATION.equals(verdict.getChannel())) {
            return asksCallingUser(approval) && verdict.getApprover().equals(clientUser(agentId));
        }
        if (verdict.getApprover().equals(agentId) || verdict.getApprover().equals(clientUser(agentId))) {
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
