package dev.mcpgw.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.policy.model.Approval;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A native review rule's approval settings, and what lint says of asking the calling client's user. */
class ApprovalSettingsTest {
    private static final String ASKS_THE_USER = """
            version: v1
            default: deny
            rules:
              - id: pay-asks-the-user
                effect: review
                tools: [pay]
                approval: {askClientUser: true, expiresIn: 5m}
            """;

    @Test
    void shouldLetAReviewRuleAskTheCallingClientsUser() throws Exception {
        PolicyLoader.Linted linted = new PolicyLoader().lint(ASKS_THE_USER);

        Approval approval = linted.policy().rules().get(0).approval();
        assertThat(approval.askClientUser()).isTrue();
        assertThat(approval.approvers()).isEmpty();
        assertThat(approval.requiredApprovals()).isEqualTo(1);
        assertThat(approval.expiresIn()).isEqualTo(Duration.ofMinutes(5));
        assertThat(linted.warnings()).isEmpty();
    }

    @Test
    void shouldWarnThatTheClientsUserNeverStandsInForNamedApprovers() throws Exception {
        PolicyLoader.Linted linted = new PolicyLoader().lint(ASKS_THE_USER.replace("askClientUser: true,",
                "askClientUser: true, approvers: [alice, \"group:finance\"], requiredApprovals: 2,"));

        Approval approval = linted.policy().rules().get(0).approval();
        assertThat(approval.approvers()).containsExactly("alice", "group:finance");
        assertThat(approval.requiredApprovals()).isEqualTo(2);
        assertThat(linted.warnings()).singleElement().asString().endsWith("rules[0].approval.askClientUser: has no effect: this rule "
                + "names its approvers, and the calling client's user never stands in for a named approver");
    }

    @Test
    void shouldRefuseApprovalSettingsOnARuleThatIsNoReview() {
        assertThatThrownBy(() -> new PolicyLoader().load(ASKS_THE_USER.replace("effect: review", "effect: allow")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("approval: approval belongs on a review rule");
    }
}
