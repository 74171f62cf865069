package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `gateway up` that cannot start says why in a line or two, naming the file and field, without a stack trace. */
class UpErrorsIT {
    private static final String HINT = "(run with --verbose for the stack trace)\n";

    @TempDir
    Path dir;

    private Path config(String kafka, String listen) throws Exception {
        CliRun.starterFile(dir, "policy.yaml");
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, """
                listen: %s
                kafka: %s
                stateDir: "%s"
                receiptArchive: "%s"
                policy: policy.yaml
                """.formatted(listen, kafka, dir.resolve("streams"), dir.resolve("receipts")));
        return file;
    }

    private String embedded(int port) {
        return "{embedded: {dataDir: \"" + dir.resolve("kafka") + "\", port: " + port + "}}";
    }

    @Test
    void shouldSayTheListenAddressIsInUse() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path file = config(embedded(0), "127.0.0.1:" + held.getLocalPort());

            CliRun run = CliRun.of("up", "--config", file.toString());

            assertThat(run.output()).isEqualTo(file + ": listen: 127.0.0.1:" + held.getLocalPort()
                    + " is in use: stop what holds the port, or set another listen address\n" + HINT);
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void shouldSayTheReviewListenAddressIsInUse() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path file = config(embedded(0), "127.0.0.1:0");
            Files.writeString(file, """
                    review:
                      listen: 127.0.0.1:%d
                      approvers: [{id: reviewer, password: reviewer-password, groups: [demo]}]
                    """.formatted(held.getLocalPort()), StandardOpenOption.APPEND);

            CliRun run = CliRun.of("up", "--config", file.toString());

            assertThat(run.output()).isEqualTo(file + ": review.listen: 127.0.0.1:" + held.getLocalPort()
                    + " is in use: stop what holds the port, or set another listen address\n" + HINT);
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void shouldSayTheEmbeddedBrokersPortIsInUse() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path file = config(embedded(held.getLocalPort()), "127.0.0.1:0");

            CliRun run = CliRun.of("up", "--config", file.toString());

            assertThat(run.output()).isEqualTo(file + ": kafka.embedded.port " + held.getLocalPort()
                    + " is in use: stop what holds it, or set another port\n" + HINT);
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void shouldSayKafkaCannotBeReached() throws Exception {
        String nobody;
        try (ServerSocket free = new ServerSocket(0)) {
            nobody = "127.0.0.1:" + free.getLocalPort();
        }
        Path file = config("{bootstrapServers: \"" + nobody + "\"}", "127.0.0.1:0");

        CliRun run = CliRun.of("up", "--config", file.toString());

        assertThat(run.output()).isEqualTo(file + ": kafka.bootstrapServers: cannot reach Kafka at " + nobody
                + " within 15 s: start it, correct the address, or leave it empty for the embedded broker\n" + HINT);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldPrintABadConfigKeyWithoutAStackTraceUnlessVerbose() throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "policy: policy.yaml\nlisten: 127.0.0.1:0\nlimts: {maxDepth: 3}\n");

        CliRun plain = CliRun.of("up", "--config", file.toString());
        CliRun verbose = CliRun.of("up", "--verbose", "--config", file.toString());

        assertThat(plain.output()).startsWith(file + ": line 3: limts: unknown key; the keys here are [")
                .endsWith("]\n" + HINT).doesNotContain("\tat ");
        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(verbose.output()).contains("\tat dev.mcpgw.launcher.ConfigLoader");
    }
}
