package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyApplyCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldSayKafkaCannotBeReachedAndWhatToDoWithoutAStackTrace() throws Exception {
        String nobody;
        try (ServerSocket free = new ServerSocket(0)) {
            nobody = "127.0.0.1:" + free.getLocalPort();
        }

        CliRun run = CliRun.of("policy", "apply", CliRun.starterFile(dir, "policy.yaml").toString(), "--bootstrap-servers", nobody);

        assertThat(run.output()).isEqualTo("cannot reach a gateway's Kafka at " + nobody
                + " (TimeoutException): start the gateway, or pass --bootstrap-servers HOST:PORT\n");
        assertThat(run.exitCode()).isEqualTo(1);
    }
}
