package dev.mcpgw.sink.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldHandOverEveryFinishedLineWhateverItsLengthAndLeaveAnUnfinishedOne() throws IOException {
        // Lines longer than the chunks the file is read in, and multi-byte characters across chunk edges.
        List<String> lines = List.of("", "{\"a\":1}", "\u00e9\u20ac\ud83d\ude00".repeat(30_000), "x".repeat(200_000), "\u00fc".repeat(40_000));
        Path file = dir.resolve("lines.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n{\"unfinished", StandardCharsets.UTF_8);

        List<String> read = new ArrayList<>();
        JsonLinesFile.readLines(file, read::add);

        assertThat(read).isEqualTo(lines);
    }
}
