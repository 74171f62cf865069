package dev.mcpgw.edge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.schemas.SecretKeyFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {
    private final CredentialLabels labels = new CredentialLabels(SecretKeyFile.random());

    @Test
    void shouldGiveTheAuthenticatedAgentItsKeysLabel() {
        AgentCredential alice = new AgentCredential("alice", "alice-key", List.of("dev"));
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(List.of(alice), labels);

        assertThat(authenticator.authenticate("Bearer alice-key")).hasValueSatisfying(agent -> {
            assertThat(agent.id()).isEqualTo("alice");
            assertThat(agent.credential()).isEqualTo(labels.labelOf(alice));
        });
    }

    @Test
    void shouldRefuseTwoKeysConfiguredWithOneLabel() {
        List<AgentCredential> agents = List.of(new AgentCredential("alice", "k1", List.of(), Map.of(), "shared"),
                new AgentCredential("bob", "k2", List.of(), Map.of(), "shared"));

        assertThatThrownBy(() -> new ApiKeyAuthenticator(agents, labels)).hasMessageContaining("api-key:shared");
    }

    @Test
    void shouldFindNoAgentForAnUnknownKey() {
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(List.of(new AgentCredential("alice", "alice-key", List.of())), labels);

        assertThat(authenticator.authenticate("Bearer someone-else")).isEmpty();
    }
}
