package dev.mcpgw.stream.processor;

import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.model.Approval;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.model.Rule;
import dev.mcpgw.schemas.ApprovalSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the review rules that held a call ask of its review, as the review request carries it. The
 * first matched rule with approval settings gives them (policy order decides, as it does for
 * reasons); with none, one approval by any approver within 15 minutes. The migration format names
 * approvers "user:ID", "group:NAME", "role:NAME"; a user is carried as the bare id.
 */
final class ApprovalSettingsOf {
    static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);
    private static final String USER = "user:";

    private ApprovalSettingsOf() {
    }

    static ApprovalSettings of(Policy policy, Decision decision) {
        return policy.rules().stream()
                .filter(rule -> decision.matchedRules().contains(rule.id()))
                .map(Rule::approval)
                .filter(Objects::nonNull)
                .findFirst()
                .map(ApprovalSettingsOf::settings)
                .orElseGet(() -> settings(new Approval(List.of(), null, 1)));
    }

    private static ApprovalSettings settings(Approval approval) {
        return ApprovalSettings.newBuilder()
                .setRequiredApprovals(Math.max(1, approval.requiredApprovals()))
                .setApprovers(approval.approvers().stream().map(a -> a.startsWith(USER) ? a.substring(USER.length()) : a).toList())
                .setExpiresInMs((approval.expiresIn() == null ? DEFAULT_EXPIRY : approval.expiresIn()).toMillis())
                .setAskCallingUser(false)
                .build();
    }
}
