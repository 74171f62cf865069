package dev.mcpgw.review.approver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApproverTest {
    private final Approver alice = new Approver("alice", List.of("finance"), List.of("lead"));

    @Test
    void shouldNameGroupsAndRolesAsRulesDo() {
        assertThat(alice.memberships()).containsExactly("group:finance", "role:lead");
    }

    @Test
    void shouldBeAllowedWhenTheRuleNamesNobody() {
        assertThat(alice.mayApproveFor(List.of())).isTrue();
    }

    @Test
    void shouldBeAllowedWhenTheRuleNamesTheirIdGroupOrRole() {
        assertThat(alice.mayApproveFor(List.of("alice"))).isTrue();
        assertThat(alice.mayApproveFor(List.of("bob", "group:finance"))).isTrue();
        assertThat(alice.mayApproveFor(List.of("role:lead"))).isTrue();
    }

    @Test
    void shouldNotBeAllowedWhenTheRuleNamesOthers() {
        assertThat(alice.mayApproveFor(List.of("bob", "group:ops", "role:finance", "finance"))).isFalse();
    }
}
