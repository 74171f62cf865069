package dev.mcpgw.stream.processor;

import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.model.Approval;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.model.Rule;
import dev.mcpgw.schemas.ApprovalSettings;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the review rules that held a call ask of its review, as the review request carries it. When
 * several matched rules have approval settings, the most demanding one gives them (the most
 * approvals; on a tie, one that names its approvers over one that lets anyone approve; then policy
 * order), with the shortest expiry any of them sets. With none, one approval by any approver. A
 * review waits at most {@link #MAX_EXPIRY}: the longest the edge holds a client's call open. The
 * migration format names approvers "user:ID", "group:NAME", "role:NAME"; a user is carried as the bare id.
 * The calling client's user may be asked (MCP elicitation) when the deciding rule allows it and no
 * matched rule names approvers.
 */
final class ApprovalSettingsOf {
    static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);
    static final Duration MAX_EXPIRY = Duration.ofMinutes(15);
    private static final String USER = "user:";

    private ApprovalSettingsOf() {
    }

    static ApprovalSettings of(Policy policy, Decision decision) {
        List<Approval> asked = policy.rules().stream()
                .filter(rule -> decision.matchedRules().contains(rule.id()))
                .map(Rule::approval)
                .filter(Objects::nonNull)
                .toList();
        Approval strictest = asked.stream()
                .max(Comparator.comparingInt(Approval::requiredApprovals).thenComparing(a -> !a.approvers().isEmpty()))
                .orElse(new Approval(List.of(), null, 1, false));
        Duration expiry = asked.stream().map(Approval::expiresIn).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(DEFAULT_EXPIRY);
        // The client's user never stands in for a named approver: any matched rule naming some rules the channel out.
        boolean askCallingUser = strictest.askClientUser() && asked.stream().allMatch(a -> a.approvers().isEmpty());
        return settings(strictest, expiry.compareTo(MAX_EXPIRY) > 0 ? MAX_EXPIRY : expiry, askCallingUser);
    }

    private static ApprovalSettings settings(Approval approval, Duration expiry, boolean askCallingUser) {
        return ApprovalSettings.newBuilder()
                .setRequiredApprovals(Math.max(1, approval.requiredApprovals()))
                .setApprovers(approval.approvers().stream().map(a -> a.startsWith(USER) ? a.substring(USER.length()) : a).toList())
                .setExpiresInMs(expiry.toMillis())
                .setAskCallingUser(askCallingUser)
                .build();
    }
}
