package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.cli.GatewayCommand;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.ReplyAddress;
import dev.mcpgw.sink.TopicVerifier;
import dev.mcpgw.sink.VerificationReport;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under a hard crash: the decision stream runs as its own process ({@code gateway
 * stream}), is killed with SIGKILL while it works through a load of intents, and a new process
 * takes over. Afterwards every intent has exactly one decision and one receipt, and every chain verifies.
 */
class DecisionStreamCrashIT {
    private static final int INTENTS = 3000;
    private static final int AGENTS = 20;
    private static final Path LOGS = Path.of("target");

    @Test
    void shouldGiveEveryIntentExactlyOneDecisionAndOneReceiptWhenTheStreamIsKilledMidLoad(@TempDir Path dir) throws Exception {
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("crash", """
                default: deny
                rules:
                  - {id: echo-ok, effect: allow, tools: [echo]}
                """, 0L), 0L);
        Path stateDir = dir.resolve("streams");
        Process first = startStream(stateDir, LOGS.resolve("crash-first-stream.log"));
        Set<String> sent = produceLoad();

        awaitDecisions(sent, INTENTS / 10);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long decidedBeforeKill = decisionsFor(sent).size();
        Process second = startStream(stateDir, LOGS.resolve("crash-second-stream.log"));
        try {
            awaitDecisions(sent, INTENTS);

            assertThat(decidedBeforeKill).isLessThan(INTENTS);
            assertThat(decisionsFor(sent).values()).containsOnly(1);
            assertThat(receiptsFor(sent).values()).containsOnly(1);
            assertThat(receiptsFor(sent)).hasSize(INTENTS);
            VerificationReport report = new TopicVerifier(SharedKafka.bootstrapServers()).verify(Topics.RECEIPT.name(), Topics.CHECKPOINT.name());
            assertThat(report.firstBreak()).isEmpty();
            assertThat(report.verified()).isGreaterThanOrEqualTo(INTENTS);
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** {@code gateway stream} in a JVM of its own; returns once it says it runs. */
    private static Process startStream(Path stateDir, Path log) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), GatewayCommand.class.getName(),
                "stream", "--bootstrap-servers", SharedKafka.bootstrapServers(), "--state-dir", stateDir.toString(), "--health-listen", "127.0.0.1:0")
                .redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("first line of the stream process (log: %s)", log).startsWith("decision stream running");
        return process;
    }

    private static Set<String> produceLoad() throws Exception {
        Set<String> ids = new HashSet<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), Topics.PROPOSE.keySerde().serializer(), Topics.PROPOSE.valueSerde().serializer())) {
            for (int i = 0; i < INTENTS; i++) {
                String agent = "crash-agent-" + (i % AGENTS);
                Intent intent = SampleIntents.intent().setIntentId("crash-" + i).setAgent(SampleIntents.agent(agent))
                        .setTool(i % 3 == 0 ? "rm" : "echo").setEventTime(10_000L + i).setReplyTo(new ReplyAddress("crash-it", 1)).build();
                producer.send(new ProducerRecord<>(Topics.PROPOSE.name(), null, intent.getEventTime(), agent, intent));
                ids.add(intent.getIntentId());
            }
            producer.flush();
        }
        return ids;
    }

    private static void awaitDecisions(Set<String> sent, int atLeast) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> decisionsFor(sent).size() >= atLeast);
    }

    /** How many committed decisions each of our intents has. */
    private static Map<String, Integer> decisionsFor(Set<String> sent) {
        Map<String, Integer> counts = new HashMap<>();
        TopicConsumers.readToEnd(SharedKafka.bootstrapServers(), Topics.DECIDE.name(), Topics.DECIDE, Duration.ofSeconds(30),
                r -> count(sent, r.key(), counts));
        return counts;
    }

    /** How many committed receipts each of our intents has. */
    private static Map<String, Integer> receiptsFor(Set<String> sent) {
        Map<String, Integer> counts = new HashMap<>();
        TopicConsumers.readToEnd(SharedKafka.bootstrapServers(), Topics.RECEIPT.name(), Topics.RECEIPT, Duration.ofSeconds(30),
                r -> count(sent, r.value().getIntent().getIntentId(), counts));
        return counts;
    }

    private static boolean count(Set<String> sent, String intentId, Map<String, Integer> counts) {
        if (sent.contains(intentId)) {
            counts.merge(intentId, 1, Integer::sum);
        }
        return true;
    }
}
