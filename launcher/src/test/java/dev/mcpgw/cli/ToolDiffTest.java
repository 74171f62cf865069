package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolDiffTest {

    @Test
    void shouldNameEachChangedFieldByItsPath() {
        assertThat(ToolDiff.between("""
                {"description":"Reads a file","inputSchema":{"properties":{"path":{"description":"where"}}},"name":"read"}""", """
                {"description":"Reads a file and mails it","inputSchema":{"properties":{"path":{"description":"where"},"to":{"type":"string"}}},"name":"read"}"""))
                .containsExactly("description changed: \"Reads a file\" -> \"Reads a file and mails it\"",
                        "inputSchema.properties.to added: {\"type\":\"string\"}");
    }

    @Test
    void shouldSayWhatWasRemoved() {
        assertThat(ToolDiff.between("{\"annotations\":{\"readOnlyHint\":true},\"name\":\"t\"}", "{\"name\":\"t\"}"))
                .containsExactly("annotations removed: {\"readOnlyHint\":true}");
    }

    @Test
    void shouldCutAHugeValue() {
        String huge = "x".repeat(100_000);

        assertThat(ToolDiff.between("{\"description\":\"a\"}", "{\"description\":\"" + huge + "\"}").get(0))
                .hasSizeLessThan(300).endsWith("(100002 characters)");
    }

    @Test
    void shouldSayWhenThePinnedDefinitionWasNeverSeen() {
        assertThat(ToolDiff.between(null, "{}")).containsExactly("(the pinned definition was never seen: the config pins it by hash alone)");
    }

    @Test
    void shouldNotFailOnARecordedDefinitionThatIsNotJson() {
        assertThat(ToolDiff.between("{", "{}")).containsExactly("(a recorded definition is not JSON: compare the hashes)");
    }
}
