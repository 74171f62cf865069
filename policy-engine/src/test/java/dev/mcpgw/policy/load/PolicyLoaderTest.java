package dev.mcpgw.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.policy.Effect;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {
    private final PolicyLoader loader = new PolicyLoader();

    @Test
    void shouldDefaultToDenyWhenNoDefaultIsGiven() throws Exception {
        assertThat(loader.load("rules: []").defaultEffect()).isEqualTo(Effect.DENY);
    }

    @Test
    void shouldGiveTheSameVersionToTheSamePolicyWrittenDifferently() throws Exception {
        String a = loader.load("default: deny\nrules: [{id: r, effect: allow, tools: [x]}]").version();
        String b = loader.load("rules:\n  - tools: [x]\n    effect: allow\n    id: r\ndefault: deny\n").version();

        assertThat(a).isEqualTo(b).hasSize(64);
    }

    @Test
    void shouldGiveDifferentVersionsToDifferentPolicies() throws Exception {
        assertThat(loader.load("default: deny").version()).isNotEqualTo(loader.load("default: allow").version());
    }

    @Test
    void shouldReportUnknownKeysWithLineAndColumn() {
        assertThatThrownBy(() -> loader.load("default: deny\nrules:\n  - id: r\n    effect: allow\n    tool: [x]\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("line ")
                .hasMessageContaining("rules[0].tool");
    }

    @Test
    void shouldReportBadYamlWithLineAndColumn() {
        assertThatThrownBy(() -> loader.load("default: deny\nrules: [\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("line ");
    }

    @Test
    void shouldRejectUnknownEffectsAndDuplicateIds() {
        assertThatThrownBy(() -> loader.load("rules: [{id: a, effect: maybe}, {id: a, effect: allow}]"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).problems()).containsExactly(
                        "rules[0].effect: unknown effect 'maybe' (allow, deny or review)",
                        "rules[1]: duplicate rule id a"));
    }

    @Test
    void shouldRejectReviewAsTheDefault() {
        assertThatThrownBy(() -> loader.load("default: review")).hasMessageContaining("default: must be allow or deny");
    }
}
