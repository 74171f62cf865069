package dev.mcpgw.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.testsupport.NodePeers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The side-by-side driver is JavaScript (it drives the official TypeScript SDK client); its own
 * specifications are {@code node:test} files in {@code src/test/side-by-side}. This runs them in
 * the build, with the Node on the PATH, so that a change to the driver is tested like any other.
 */
class SideBySideDriverTest {
    private static final Path SPECS = Path.of("src/test/side-by-side");

    @Test
    void theDriversOwnSpecificationsPassUnderNodeTest() throws IOException, InterruptedException {
        assumeTrue(NodePeers.available(), "Node.js is needed for the driver's specifications");
        List<String> command = new ArrayList<>(List.of("node", "--test"));
        try (Stream<Path> files = Files.list(SPECS)) {
            files.filter(file -> file.getFileName().toString().endsWith(".test.mjs")).sorted().map(Path::toString).forEach(command::add);
        }
        assertThat(command.size() - 2).as("spec files in %s", SPECS).isPositive();
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).as("node --test finished").isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
    }
}
