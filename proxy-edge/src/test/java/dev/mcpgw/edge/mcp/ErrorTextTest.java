package dev.mcpgw.edge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorTextTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";

    @Test
    void shouldRedactACredentialWhereItStands() {
        assertThat(ErrorText.recorded("refused " + KEY + " here")).isEqualTo("refused [redacted by the gateway] here");
    }

    @Test
    void shouldRedactACredentialThatTheCutWouldHaveHalved() {
        String recorded = ErrorText.recorded("y".repeat(490) + " " + KEY + " " + "z".repeat(100_000));

        assertThat(recorded).hasSize(ErrorText.MAX_CHARS + 1).endsWith("…").doesNotContain("AKIA");
    }

    @Test
    void shouldCutALongTextAfterItsFirstFiveHundredCharacters() {
        assertThat(ErrorText.recorded("x".repeat(100_000))).isEqualTo("x".repeat(ErrorText.MAX_CHARS) + "…");
    }

    @Test
    void shouldLeaveNoTextAsNoText() {
        assertThat(ErrorText.recorded(null)).isNull();
    }
}
