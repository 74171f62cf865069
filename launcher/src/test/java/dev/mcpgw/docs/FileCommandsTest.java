package dev.mcpgw.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file commands of a checked example do what cp and GNU sed do with them, or refuse. */
class FileCommandsTest {
    @TempDir
    Path dir;

    @Test
    void shouldCopyADirectoryTreeToANewName() throws Exception {
        Files.createDirectories(dir.resolve("archive/sub"));
        Files.writeString(dir.resolve("archive/sub/a.jsonl"), "line\n");

        FileCommands.cp(dir, List.of("-r", "archive", "copy"));

        assertThat(dir.resolve("copy/sub/a.jsonl")).hasContent("line");
    }

    @Test
    void shouldReplaceTheFirstOccurrenceOnEachLineAsSedDoes() throws Exception {
        Files.writeString(dir.resolve("r.jsonl"), "{\"effect\":\"DENY\",\"x\":\"DENY\"}\n{\"effect\":\"ALLOW\"}\n{\"effect\":\"DENY\"}\n");

        FileCommands.sed(dir, List.of("-i", "s/\"effect\":\"DENY\"/\"effect\":\"ALLOW\"/", "r.jsonl"));

        assertThat(Files.readAllLines(dir.resolve("r.jsonl")))
                .containsExactly("{\"effect\":\"ALLOW\",\"x\":\"DENY\"}", "{\"effect\":\"ALLOW\"}", "{\"effect\":\"ALLOW\"}");
    }

    @Test
    void shouldRefuseAPatternSedWouldReadOtherwise() throws Exception {
        Files.writeString(dir.resolve("r.jsonl"), "a.b\n");

        assertThatThrownBy(() -> FileCommands.sed(dir, List.of("-i", "s/a.b/c/", "r.jsonl"))).hasMessageContaining("literal");
        assertThat(dir.resolve("r.jsonl")).hasContent("a.b");
    }
}
