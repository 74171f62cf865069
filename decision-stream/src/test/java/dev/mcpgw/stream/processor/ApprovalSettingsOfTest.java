package dev.mcpgw.stream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.ApprovalSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a review asks for when one or more matched rules set approvals. */
class ApprovalSettingsOfTest {
    private static final String POLICY = """
            {"id": "reviews", "name": "reviews", "version": "1.0.0", "defaultEffect": "deny", "rules": [
              {"id": "ops-once", "effect": "require_approval", "condition": {"field": "action.type", "operator": "eq", "value": "mcp.pay"},
               "approvalConfig": {"approvers": [{"type": "group", "id": "ops"}], "expiresIn": "10m", "requiredApprovals": 1}},
              {"id": "security-twice", "effect": "require_approval", "condition": {"field": "action.type", "operator": "eq", "value": "mcp.pay"},
               "approvalConfig": {"approvers": [{"type": "group", "id": "security"}], "expiresIn": "2h", "requiredApprovals": 2}},
              {"id": "named-once", "effect": "require_approval", "condition": {"field": "action.type", "operator": "eq", "value": "mcp.pay"},
               "approvalConfig": {"approvers": [{"type": "user", "id": "carol"}], "expiresIn": "5m", "requiredApprovals": 1}}
            ]}
            """;

    private static ApprovalSettings settings(String... matchedRules) throws Exception {
        Policy policy = new PolicyLoader(false).load(POLICY);
        return ApprovalSettingsOf.of(policy, new Decision(Effect.REVIEW, List.of(matchedRules), List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void shouldTakeTheMostDemandingRuleWhenSeveralMatch() throws Exception {
        ApprovalSettings asked = settings("ops-once", "security-twice");

        assertThat(asked.getRequiredApprovals()).isEqualTo(2);
        assertThat(asked.getApprovers()).containsExactly("group:security");
    }

    @Test
    void shouldTakeTheFirstInPolicyOrderOnATie() throws Exception {
        assertThat(settings("named-once", "ops-once").getApprovers()).containsExactly("group:ops");
    }

    @Test
    void shouldTakeTheShortestExpiryAnyMatchedRuleSets() throws Exception {
        assertThat(settings("ops-once", "named-once").getExpiresInMs()).isEqualTo(Duration.ofMinutes(5).toMillis());
    }

    @Test
    void shouldNeverWaitLongerThanTheEdgeHoldsACall() throws Exception {
        assertThat(settings("security-twice").getExpiresInMs()).isEqualTo(ApprovalSettingsOf.MAX_EXPIRY.toMillis());
    }

    @Test
    void shouldAskOneApprovalFromAnyoneWhenNoRuleSaysMore() throws Exception {
        ApprovalSettings asked = settings();

        assertThat(asked.getRequiredApprovals()).isEqualTo(1);
        assertThat(asked.getApprovers()).isEmpty();
        assertThat(asked.getExpiresInMs()).isEqualTo(ApprovalSettingsOf.DEFAULT_EXPIRY.toMillis());
    }
}
