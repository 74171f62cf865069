package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.launcher.Gateway;
import dev.mcpgw.launcher.TestGateways;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.testsupport.SampleIntents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gateway policy replay` on a history the real decision stream decided: 3 agents, each making 20
 * lookups in each of 5 minutes under a limit of 10 a minute, so 300 intents of which half were
 * allowed and half denied by the rate limit.
 */
class PolicyReplayIT {
    private static final String LIMITED = """
              - id: lookups-limited
                effect: allow
                servers: [records]
                tools: [lookup]
                rateLimit: {requests: %d, window: 1m}
            """;
    private static final List<String> AGENTS = List.of("agent-1", "agent-2", "agent-3");
    private static final int WINDOWS = 5;
    private static final int CALLS_PER_WINDOW = 20;
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Gateway gateway;
    private static Path dir;
    private static Path starter;

    @BeforeAll
    static void recordHistory(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        starter = CliRun.starterFile(Files.createDirectories(dir.resolve("candidates")), "policy.yaml");
        gateway = TestGateways.withRules(dir, LIMITED.formatted(10));
        try (KafkaProducer<String, dev.mcpgw.schemas.Intent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, gateway.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                Topics.PROPOSE.keySerde().serializer(), Topics.PROPOSE.valueSerde().serializer())) {
            for (int window = 0; window < WINDOWS; window++) {
                for (int call = 0; call < CALLS_PER_WINDOW; call++) {
                    for (String agent : AGENTS) {
                        producer.send(new ProducerRecord<>(Topics.PROPOSE.name(), agent, SampleIntents.intent()
                                .setIntentId(id(agent, window, call)).setAgent(SampleIntents.agent(agent))
                                .setServer("records").setTool("lookup").setArgumentsJson("{\"key\":\"k" + call + "\"}")
                                .setEventTime(START.plusSeconds(60L * window + 2L * call).toEpochMilli()).build()));
                    }
                }
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> recordedDecisions().size() == AGENTS.size() * WINDOWS * CALLS_PER_WINDOW);
    }

    @AfterAll
    static void down() {
        gateway.close();
    }

    @Test
    void shouldHaveRecordedTenAllowedAndTenLimitedLookupsPerAgentAndMinute() {
        Map<String, String> recorded = recordedDecisions();

        for (String agent : AGENTS) {
            for (int window = 0; window < WINDOWS; window++) {
                for (int call = 0; call < CALLS_PER_WINDOW; call++) {
                    assertThat(recorded.get(id(agent, window, call))).isEqualTo(call < 10 ? "ALLOW" : "DENY");
                }
            }
        }
    }

    @Test
    void shouldReportNothingAndExitZeroForThePolicyInForce() throws Exception {
        CliRun run = CliRun.of("policy", "replay", candidate("same.yaml", LIMITED.formatted(10)).toString(),
                "--bootstrap-servers", gateway.bootstrapServers());

        assertThat(run.output()).isEqualTo("300 intents replayed, 0 decisions would change\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void shouldReportExactlyTheCallsARaisedLimitLetThroughCountingAsTheStreamDoes() throws Exception {
        CliRun run = CliRun.of("policy", "replay", candidate("raised.yaml", LIMITED.formatted(15)).toString(),
                "--bootstrap-servers", gateway.bootstrapServers(), "--format", "json");

        List<JsonNode> lines = jsonLines(run.output());
        Set<String> expected = new HashSet<>();
        for (String agent : AGENTS) {
            for (int window = 0; window < WINDOWS; window++) {
                for (int call = 10; call < 15; call++) {
                    expected.add(id(agent, window, call));
                }
            }
        }
        List<JsonNode> changes = lines.subList(0, lines.size() - 1);
        assertThat(changes).extracting(c -> c.get("intentId").asText()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.get("recorded").toString()).isEqualTo("{\"effect\":\"DENY\",\"rules\":[\"lookups-limited\"]}");
            assertThat(c.get("candidate").get("effect").asText()).isEqualTo("ALLOW");
        });
        assertThat(lines.get(lines.size() - 1).toString())
                .isEqualTo("{\"summary\":{\"replayed\":300,\"changed\":75,\"unrecorded\":0,\"changesPerRule\":{\"lookups-limited\":75}}}");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldReportOnlyTheNamedAgentsFlippedDecisionsInRange() throws Exception {
        Path denyAgent2 = candidate("deny-agent-2.yaml", LIMITED.formatted(10) + """
                  - id: not-agent-2
                    effect: deny
                    agents: [agent-2]
                    tools: [lookup]
                """);

        CliRun run = CliRun.of("policy", "replay", denyAgent2.toString(), "--bootstrap-servers", gateway.bootstrapServers(),
                "--agent", "agent-1", "--from", START.plusSeconds(60).toString(), "--to", START.plusSeconds(120).toString());
        CliRun agent2 = CliRun.of("policy", "replay", denyAgent2.toString(), "--bootstrap-servers", gateway.bootstrapServers(),
                "--agent", "agent-2", "--from", START.plusSeconds(60).toString(), "--to", START.plusSeconds(120).toString());

        assertThat(run.output()).isEqualTo("20 intents replayed, 0 decisions would change\n");
        assertThat(run.exitCode()).isZero();
        assertThat(agent2.output()).contains("agent-2").endsWith("""
                20 intents replayed, 10 decisions would change
                  not-agent-2                      10 changed
                """);
        assertThat(agent2.output().lines().filter(l -> l.contains("ALLOW [lookups-limited]")
                && l.endsWith("DENY [lookups-limited, not-agent-2]"))).hasSize(10);
        assertThat(agent2.exitCode()).isEqualTo(1);
    }

    private static Path candidate(String name, String moreRules) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, Files.readString(starter) + moreRules);
        return file;
    }

    private static List<JsonNode> jsonLines(String output) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static String id(String agent, int window, int call) {
        return agent + "/" + window + "/" + call;
    }

    /** Intent id to the effect its decision receipt records. */
    private static Map<String, String> recordedDecisions() {
        Map<String, String> effects = new HashMap<>();
        for (Receipt receipt : TopicConsumers.readAll(gateway.bootstrapServers(), Topics.RECEIPT.name(), Topics.RECEIPT, Duration.ofSeconds(30))) {
            if (receipt.getKind() == ReceiptKind.DECISION) {
                effects.put(receipt.getIntent().getIntentId(), receipt.getEffect().name());
            }
        }
        return effects;
    }
}
