package dev.mcpgw.edge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.schemas.SecretKeyFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CredentialLabelsTest {
    private static final AgentCredential ALICE = new AgentCredential("alice", "alice-secret-api-key", List.of());
    private final byte[] secret = SecretKeyFile.random();
    private final CredentialLabels labels = new CredentialLabels(secret);

    private static String hex(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldLabelAKeyByAnHmacKeyedWithTheGatewaysSecret() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(("mcpgw-credential-label-v1\n" + ALICE.apiKey()).getBytes(StandardCharsets.UTF_8)));

        assertThat(labels.labelOf(ALICE)).isEqualTo("api-key:hmac:" + expected.substring(0, 16));
    }

    @Test
    void shouldCarryNothingOfAnUnsaltedHashOfTheKey() throws Exception {
        String label = labels.labelOf(ALICE);

        for (String algorithm : List.of("SHA-256", "SHA-1", "MD5", "SHA-512")) {
            assertThat(label).doesNotContain(hex(algorithm, ALICE.apiKey()).substring(0, 8));
        }
        assertThat(label).doesNotContain(ALICE.apiKey());
    }

    @Test
    void shouldGiveAKeyAnotherLabelUnderAnotherSecretSoThatAGuessedKeyCannotBeCheckedWithoutIt() {
        assertThat(new CredentialLabels(SecretKeyFile.random()).labelOf(ALICE)).isNotEqualTo(labels.labelOf(ALICE));
    }

    @Test
    void shouldGiveAKeyTheSameLabelOnEveryInstanceSharingTheSecret() {
        assertThat(new CredentialLabels(secret.clone()).labelOf(ALICE)).isEqualTo(labels.labelOf(ALICE));
    }

    @Test
    void shouldLabelAKeyByTheLabelTheConfigGivesIt() {
        AgentCredential labelled = new AgentCredential("alice", "alice-secret-api-key", List.of(), Map.of(), "alice-2026-q3");

        assertThat(labels.labelOf(labelled)).isEqualTo("api-key:alice-2026-q3");
    }

    @Test
    void shouldRefuseASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> new CredentialLabels(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAConfiguredLabelThatCouldPassForAnHmacLabel() {
        assertThatThrownBy(() -> new AgentCredential("alice", "k", List.of(), Map.of(), "hmac:0123456789abcdef"))
                .hasMessageContaining("keyLabel");
    }
}
