package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.launcher.Gateway;
import dev.mcpgw.launcher.PolicyActivation;
import dev.mcpgw.launcher.PolicyPublisher;
import dev.mcpgw.launcher.TestGateways;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.PolicyStatus;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `gateway policy apply` against a running gateway: a real broker, the real decision stream, a real MCP client. */
class PolicyApplyIT {
    private static Gateway gateway;
    private static Path dir;

    @BeforeAll
    static void up(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        gateway = TestGateways.starter(dir);
    }

    @AfterAll
    static void down() {
        gateway.close();
    }

    @Test
    void shouldActivateThePolicySoThatItDecidesTheNextCall() throws Exception {
        assertThat(echo().isError()).isFalse();
        Path noEchoes = dir.resolve("no-echoes.yaml");
        Files.writeString(noEchoes, Files.readString(CliRun.starterFile(dir, "policy.yaml")) + """
                  - id: no-echoes
                    effect: deny
                    tools: [echo]
                """);

        CliRun run = CliRun.of("policy", "apply", noEchoes.toString(), "--bootstrap-servers", gateway.bootstrapServers());

        assertThat(run.output()).contains("ACTIVE: starter-2, version ").contains(" decides the next intent");
        assertThat(run.exitCode()).isZero();
        CallToolResult denied = echo();
        assertThat(denied.isError()).isTrue();
        assertThat(denied.content().toString()).contains("no-echoes");
    }

    @Test
    void shouldRefuseAPolicyThatDoesNotLintNamingFileLineAndField() throws Exception {
        Path disabled = dir.resolve("disabled.json");
        Files.writeString(disabled, """
                {"id": "p", "name": "Paused", "version": "1.0.0", "enabled": false, "defaultEffect": "allow", "rules": []}
                """);

        CliRun run = CliRun.of("policy", "apply", disabled.toString(), "--bootstrap-servers", gateway.bootstrapServers());

        assertThat(run.output()).isEqualTo(disabled + ": line 1, column 51: enabled: the policy is disabled (enabled: false); "
                + "set enabled: true to activate it\n");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldHearTheStreamRefuseADocumentItCannotLoadWithItsProblems() throws Exception {
        Policy linted = new PolicyLoader().load(Files.readString(CliRun.starterFile(dir, "policy.yaml")));
        PolicyActivation activation = new PolicyActivation(gateway.bootstrapServers(),
                new PolicyPublisher(gateway.bootstrapServers(), new PolicyLoader(), Clock.systemUTC()));

        // A document that differs from what was linted: only the stream's own check stands between it and activation.
        Optional<PolicyStatus> status = activation.publishAndAwait(linted, "rules: [{id: x, effect: perhaps}]", Duration.ofSeconds(30));

        assertThat(status).hasValueSatisfying(s -> {
            assertThat(s.getActive()).isFalse();
            assertThat(s.getProblems()).containsExactly("line 1, column 17: rules[0].effect: unknown effect 'perhaps' (allow, deny or review)");
        });
    }

    @Test
    void shouldStepOverRecordsOnTheStatusTopicThatAreNoStatus() throws Exception {
        Policy linted = new PolicyLoader().load(Files.readString(CliRun.starterFile(dir, "policy.yaml")));
        PolicyActivation activation = new PolicyActivation(gateway.bootstrapServers(),
                new PolicyPublisher(gateway.bootstrapServers(), new PolicyLoader(), Clock.systemUTC()));
        AtomicBoolean waiting = new AtomicBoolean(true);
        Thread garbage = new Thread(() -> {
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, gateway.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                for (long n = 0; waiting.get(); n++) {
                    // Under every key the report might carry, garbage and tombstones, while apply waits.
                    producer.send(new ProducerRecord<>(Topics.POLICY_STATUS.name(), Long.toString(n % 50), new byte[] {(byte) 0xff, 1, 2}));
                    producer.send(new ProducerRecord<>(Topics.POLICY_STATUS.name(), Long.toString(n % 50), null));
                    producer.flush();
                }
            }
        });
        garbage.start();
        Optional<PolicyStatus> status;
        try {
            status = activation.publishAndAwait(linted, Files.readString(CliRun.starterFile(dir, "policy.yaml")), Duration.ofSeconds(30));
        } finally {
            waiting.set(false);
            garbage.join();
        }

        assertThat(status).hasValueSatisfying(s -> assertThat(s.getActive()).isTrue());
    }

    private static CallToolResult echo() {
        McpSyncClient client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", "demo-agent-key");
        try {
            return client.callTool(new CallToolRequest("demo__echo", Map.of("text", "hi")));
        } finally {
            client.closeGracefully();
        }
    }
}
