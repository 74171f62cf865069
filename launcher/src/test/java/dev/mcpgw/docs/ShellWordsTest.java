package dev.mcpgw.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Documented commands split and expanded as the reader's shell would. */
class ShellWordsTest {
    private static final Map<String, String> SHELL = Map.of("SID", "9aaa895b", "H", "x y");

    @Test
    void shouldExpandAVariableInDoubleQuotesAndBareWordsIntoOneWord() {
        assertThat(ShellWords.split("curl -H \"Mcp-Session-Id: $SID\" ${SID}/x \"$H\"", SHELL))
                .containsExactly("curl", "-H", "Mcp-Session-Id: 9aaa895b", "9aaa895b/x", "x y");
    }

    @Test
    void shouldKeepADollarInSingleQuotesAsWritten() {
        assertThat(ShellWords.split("curl -d '{\"a\":\"$SID\"}' -w '%{http_code}'", SHELL))
                .containsExactly("curl", "-d", "{\"a\":\"$SID\"}", "-w", "%{http_code}");
    }

    @Test
    void shouldRefuseAVariableNoEarlierCommandSet() {
        assertThatThrownBy(() -> ShellWords.split("curl -H \"Mcp-Session-Id: $SESSION\"", SHELL))
                .hasMessageContaining("$SESSION is not set");
    }

    @Test
    void shouldRefuseAnExpansionItDoesNotKnow() {
        assertThatThrownBy(() -> ShellWords.split("curl \"${H[@]}\"", SHELL)).hasMessageContaining("${NAME} only");
    }
}
