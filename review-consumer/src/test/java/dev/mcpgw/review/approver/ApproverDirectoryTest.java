package dev.mcpgw.review.approver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApproverDirectoryTest {
    private static final String BOB_HASH = ApproverDirectory.hash("bob's long password");
    private final ApproverDirectory directory = new ApproverDirectory(List.of(
            new ApproverCredential("alice", "alice-password", null, List.of("finance"), List.of("lead")),
            new ApproverCredential("bob", null, BOB_HASH, List.of(), null)));

    @Test
    void shouldSignInAnApproverWithTheirConfiguredPassword() {
        assertThat(directory.authenticate("alice", "alice-password"))
                .contains(new Approver("alice", List.of("finance"), List.of("lead")));
    }

    @Test
    void shouldSignInAnApproverWhoseConfigHoldsABcryptHash() {
        assertThat(directory.authenticate("bob", "bob's long password")).map(Approver::id).contains("bob");
    }

    @Test
    void shouldRefuseAWrongPassword() {
        assertThat(directory.authenticate("alice", "alice-passwore")).isEmpty();
    }

    @Test
    void shouldRefuseAnotherApproversPassword() {
        assertThat(directory.authenticate("alice", "bob's long password")).isEmpty();
    }

    @Test
    void shouldRefuseAnIdNoApproverHas() {
        assertThat(directory.authenticate("demo-agent", "demo-agent-key")).isEmpty();
    }

    @Test
    void shouldRefuseAPasswordLongerThanBcryptReadsRatherThanCutItShort() {
        ApproverDirectory longOne = new ApproverDirectory(List.of(
                new ApproverCredential("carol", null, ApproverDirectory.hash("p".repeat(72)), List.of(), List.of())));
        assertThat(longOne.authenticate("carol", "p".repeat(72))).isPresent();
        assertThat(longOne.authenticate("carol", "p".repeat(72) + "anything")).isEmpty();
    }

    @Test
    void shouldRefuseAnEntryWithBothPasswordAndHash() {
        assertThatThrownBy(() -> new ApproverDirectory(List.of(new ApproverCredential("alice", "alice-password", BOB_HASH, null, null))))
                .hasMessage("review.approvers: approver alice needs exactly one of password or passwordHash");
    }

    @Test
    void shouldRefuseAnEntryWithNeitherPasswordNorHash() {
        assertThatThrownBy(() -> new ApproverDirectory(List.of(new ApproverCredential("alice", "", null, null, null))))
                .hasMessage("review.approvers: approver alice needs exactly one of password or passwordHash");
    }

    @Test
    void shouldRefuseAHashThatIsNotBcrypt() {
        assertThatThrownBy(() -> new ApproverDirectory(List.of(new ApproverCredential("alice", null, "5f4dcc3b5aa765d61d8327deb882cf99", null, null))))
                .hasMessageStartingWith("review.approvers: approver alice: passwordHash must be a bcrypt hash");
    }

    @Test
    void shouldRefuseAShortPassword() {
        assertThatThrownBy(() -> new ApproverDirectory(List.of(new ApproverCredential("alice", "short", null, null, null))))
                .hasMessage("review.approvers: approver alice: password needs at least 8 characters");
    }

    @Test
    void shouldRefuseAnApproverListedTwice() {
        assertThatThrownBy(() -> new ApproverDirectory(List.of(
                new ApproverCredential("alice", "alice-password", null, null, null),
                new ApproverCredential("alice", "other-password", null, null, null))))
                .hasMessage("review.approvers: approver alice is listed twice");
    }

    @Test
    void shouldRefuseAnIdThatCannotBeShownSafely() {
        assertThatThrownBy(() -> new ApproverDirectory(List.of(new ApproverCredential("<alice>", "alice-password", null, null, null))))
                .hasMessageStartingWith("review.approvers: an approver id must be 1 to 64 letters");
        assertThatThrownBy(() -> new ApproverDirectory(List.of(new ApproverCredential(null, "alice-password", null, null, null))))
                .hasMessageContaining("(got none)");
    }
}
