package dev.mcpgw.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.model.Approval;
import dev.mcpgw.policy.model.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Each shape of the migration format that its own schema accepts loads unchanged; what the gateway
 * cannot honour is a warning, never an error (fixtures in src/test/resources/compatible).
 */
class MigrationShapesTest {

    @Test
    void shouldLoadATopLevelDescriptionEnabledFlagScopeAndMetadataUnchanged() throws Exception {
        Policy policy = new PolicyLoader().load(fixture("described-scoped-with-metadata.json"));

        assertThat(policy.label()).isEqualTo("Support desk@1.4.2");
        assertThat(policy.rules()).extracting(r -> r.id()).containsExactly("read-tickets");
    }

    @Test
    void shouldWarnThatScopeAndPriorityDecideNothing() throws Exception {
        PolicyLoader.Linted linted = new PolicyLoader().lint(fixture("described-scoped-with-metadata.json"));

        assertThat(linted.warnings()).containsExactly(
                "line 7, column 3: priority: kept but decides nothing: one policy is active at a time",
                "line 8, column 3: scope: kept but decides nothing: the active policy decides every request; "
                        + "write what the scope says as conditions on principal.* and action.type in the rules");
    }

    @Test
    void shouldRefuseADisabledPolicyWithThatReason() {
        assertThatThrownBy(() -> new PolicyLoader().load(fixture("disabled.json")))
                .isInstanceOf(PolicyException.class)
                .hasMessage("invalid policy: line 5, column 3: enabled: the policy is disabled (enabled: false); "
                        + "set enabled: true to activate it");
    }

    @Test
    void shouldAcceptMoreRequiredApprovalsThanListedApproversWhenAGroupOrRoleIsListed() throws Exception {
        PolicyLoader.Linted linted = new PolicyLoader().lint(fixture("approvals-from-groups-and-roles.json"));

        Approval approval = linted.policy().rules().get(0).approval();
        assertThat(approval.approvers()).containsExactly("group:treasury", "role:controller");
        assertThat(approval.requiredApprovals()).isEqualTo(3);
        assertThat(linted.policy().rules().get(0).effect()).isEqualTo(Effect.REVIEW);
        assertThat(linted.warnings()).isEmpty();
    }

    @Test
    void shouldLoadButWarnWhenMoreApprovalsAreRequiredThanTheListedPeopleCanGive() throws Exception {
        PolicyLoader.Linted linted = new PolicyLoader().lint(fixture("approvals-more-than-people.json"));

        assertThat(linted.policy().rules().get(0).approval().requiredApprovals()).isEqualTo(3);
        assertThat(linted.warnings()).singleElement().asString()
                .endsWith("rules[0].approvalConfig.requiredApprovals: 3 approvals needed from 2 listed people: no call this rule "
                        + "holds can be approved (name a group or role, or lower requiredApprovals)");
    }

    @Test
    void shouldStillRefuseFewerThanOneRequiredApproval() {
        String none = fixture("approvals-from-groups-and-roles.json").replace("\"requiredApprovals\": 3", "\"requiredApprovals\": 0");

        assertThatThrownBy(() -> new PolicyLoader().load(none))
                .hasMessageContaining("rules[0].approvalConfig.requiredApprovals: must be at least 1");
    }

    @Test
    void shouldWarnOnlyAboutThePriorityAndScopeOfTheFinanceFixture() throws Exception {
        PolicyLoader.Linted linted = new PolicyLoader().lint(fixture("finance-assistant.json"));

        assertThat(linted.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).containsAnyOf("priority:", "scope:"));
    }

    static String fixture(String name) {
        try (InputStream in = MigrationShapesTest.class.getResourceAsStream("/compatible/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
