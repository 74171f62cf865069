package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.review.approver.ApproverDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewConfigTest {
    @TempDir
    Path dir;

    private ConfigLoader.Loaded load(String yaml, Map<String, String> environment) throws IOException {
        Files.writeString(dir.resolve("policy.yaml"), "version: t\ndefault: deny\nrules: []\n");
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "policy: policy.yaml\n" + yaml);
        return new ConfigLoader(environment::get).load(file);
    }

    private ConfigLoader.Loaded load(String yaml) throws IOException {
        return load(yaml, Map.of());
    }

    @Test
    void shouldReadApproversWithPasswordsFromTheEnvironmentAndBcryptHashes() throws IOException {
        String bobHash = ApproverDirectory.hash("bob-password");
        GatewayConfig.Review review = load("""
                review:
                  listen: 127.0.0.1:9091
                  approvers:
                    - {id: alice, password: "${ALICE_PASSWORD}", groups: [finance], roles: [lead]}
                    - {id: bob, passwordHash: "%s"}
                """.formatted(bobHash), Map.of("ALICE_PASSWORD", "from-the-environment")).config().review();

        ApproverDirectory approvers = review.approverDirectory();
        assertThat(review.hostAndPort()).containsExactly("127.0.0.1", "9091");
        assertThat(approvers.authenticate("alice", "from-the-environment").orElseThrow().memberships())
                .containsExactly("group:finance", "role:lead");
        assertThat(approvers.authenticate("bob", "bob-password")).isPresent();
    }

    @Test
    void shouldRunNoReviewServiceWithoutAReviewSection() throws IOException {
        assertThat(load("").config().review()).isNull();
    }

    @Test
    void shouldGiveTheStarterConfigAnApproverAndTheDefaultAddress() throws IOException {
        GatewayConfig.Review review = new ConfigLoader(Map.<String, String>of()::get).starter().config().review();

        assertThat(review.hostAndPort()).containsExactly("127.0.0.1", "8081");
        assertThat(review.approverDirectory().authenticate("reviewer", "reviewer-password")).isPresent();
    }

    @Test
    void shouldRefuseAnApproverWithBothPasswordAndHashNamingTheFileAndTheApprover() {
        assertThatThrownBy(() -> load("""
                review:
                  approvers: [{id: alice, password: alice-password, passwordHash: "%s"}]
                """.formatted(ApproverDirectory.hash("other-password"))))
                .isInstanceOf(IOException.class).hasMessageContaining("gateway.yaml")
                .hasMessageContaining("review.approvers: approver alice needs exactly one of password or passwordHash");
    }

    @Test
    void shouldRefuseAShortPasswordWithoutRepeatingIt() {
        assertThatThrownBy(() -> load("review:\n  approvers: [{id: alice, password: \"Xq7!zz\"}]\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("password needs at least 8 characters")
                .hasMessageNotContaining("Xq7!zz");
    }

    @Test
    void shouldRefuseAPasswordHashThatIsNotBcrypt() {
        assertThatThrownBy(() -> load("review:\n  approvers: [{id: alice, passwordHash: \"{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\"}]\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("passwordHash must be a bcrypt hash")
                .hasMessageNotContaining("W6ph5Mm5Pz8GgiULbPgzG37mj9g=");
    }

    @Test
    void shouldRefuseAnApproverWhosePasswordIsAnAgentsApiKeyWithoutSayingTheKey() {
        assertThatThrownBy(() -> load("""
                agents: [{id: bot, apiKey: "${BOT_KEY}"}]
                review:
                  approvers: [{id: alice, password: "${BOT_KEY}"}]
                """, Map.of("BOT_KEY", "the-bots-api-key")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("approver alice's password is the API key of agent bot; an agent's key must never approve")
                .hasMessageNotContaining("the-bots-api-key");
    }

    @Test
    void shouldRefuseAReviewListenThatIsNotHostAndPort() {
        assertThatThrownBy(() -> load("review:\n  listen: localhost\n  approvers: []\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("review.listen must be host:port");
        assertThatThrownBy(() -> load("review:\n  listen: 127.0.0.1:99999\n  approvers: []\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("review.listen must be host:port");
    }

    @Test
    void shouldRefuseAnUnknownKeyInTheReviewSection() {
        assertThatThrownBy(() -> load("review:\n  approvers: [{id: alice, password: alice-password, group: [x]}]\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("group");
    }

    @Test
    void shouldRefuseAMissingEnvironmentVariableForAPassword() {
        assertThatThrownBy(() -> load("review:\n  approvers: [{id: alice, password: \"${NOT_SET_ANYWHERE}\"}]\n"))
                .hasMessageContaining("NOT_SET_ANYWHERE");
    }
}
