package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.sink.TopicVerifier;
import dev.mcpgw.sink.VerificationReport;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The end-to-end scenario against the {@code apache/kafka} image the compose stack runs, in a
 * container: the gateway creates its topics there, an allowed call is forwarded and a denied one
 * is not, and the receipts verify. Reported as skipped where no Docker engine is reachable (the
 * development machines have none).
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerIT {
    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @Test
    void shouldForwardOnlyAllowedCallsAndLeaveAVerifiableTrailOnTheApacheKafkaContainer(@TempDir Path dir) throws Exception {
        // given
        Files.writeString(dir.resolve("policy.yaml"), """
                default: deny
                rules:
                  - {id: echo-ok, effect: allow, tools: [echo]}
                  - {id: no-deletes, effect: deny, tools: [delete_file]}
                """);
        Path config = Files.writeString(dir.resolve("gateway.yaml"), """
                listen: 127.0.0.1:0
                kafka: {bootstrapServers: "%s"}
                stateDir: "%s"
                receiptArchive: "%s"
                policy: policy.yaml
                decisionTimeoutMs: 20000
                agents:
                  - {id: container-agent, apiKey: container-agent-key}
                mcpServers:
                  demo:
                    command: ${java}
                    args: ["-Xmx128m", "-cp", "${gateway.classpath}", "dev.mcpgw.demo.DemoServer"]
                    env: {DEMO_CALL_LOG: "%s"}
                """.formatted(KAFKA.getBootstrapServers(), dir.resolve("streams"), dir.resolve("receipts"), dir.resolve("calls.log")));

        try (Gateway gateway = Gateway.start(new ConfigLoader(name -> null).load(config))) {
            McpSyncClient client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", "container-agent-key");

            // when
            var allowed = client.callTool(new CallToolRequest("demo__echo", Map.of("text", "through a container")));
            var denied = client.callTool(new CallToolRequest("demo__delete_file", Map.of("path", "/")));
            client.closeGracefully();

            // then
            assertThat(((TextContent) allowed.content().get(0)).text()).isEqualTo("through a container");
            assertThat(denied.isError()).isTrue();
            assertThat(McpPeers.callsReceived(dir.resolve("calls.log"))).containsExactly("echo\t{text=through a container}");
            VerificationReport report = new TopicVerifier(KAFKA.getBootstrapServers()).verify(Topics.RECEIPT.name(), Topics.CHECKPOINT.name());
            assertThat(report.firstBreak()).isEmpty();
            assertThat(report.verified()).isGreaterThanOrEqualTo(2);
        }
    }
}
