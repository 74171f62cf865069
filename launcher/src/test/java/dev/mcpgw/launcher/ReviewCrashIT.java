package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.cli.GatewayCommand;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReplyAddress;
import dev.mcpgw.schemas.ReviewState;
import dev.mcpgw.schemas.ReviewStatus;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.sink.TopicVerifier;
import dev.mcpgw.sink.VerificationReport;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.SealedVerdicts;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Human reviews survive a hard crash: the decision stream runs as its own process ({@code gateway
 * stream}), opens a review for each of a load of calls, settles half of them, and is killed with
 * SIGKILL while the other half are pending; their approvals come while no stream runs, and a new
 * process takes over. Every review then ends approved, with exactly one REVIEW, one verdict and one
 * final ALLOW per call, and every chain verifies.
 */
class ReviewCrashIT {
    private static final int CALLS = 300;
    private static final int AGENTS = 12;
    private static final Path LOGS = Path.of("target");

    @Test
    void shouldSettleEveryReviewOnceWhenTheStreamIsKilledWhileReviewsArePending(@TempDir Path dir) throws Exception {
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("review-crash", """
                default: deny
                rules:
                  - {id: pay-needs-a-human, effect: review, tools: [pay]}
                """, 0L), 0L);
        Path stateDir = dir.resolve("streams");
        SealedVerdicts verdicts = new SealedVerdicts(new VerdictAuthenticator(SecretKeyFile.loadOrCreate(VerdictAuthenticator.keyFile(stateDir))));
        Process first = startStream(stateDir, LOGS.resolve("review-crash-first-stream.log"));
        Map<String, String> agentOf = proposeCalls();
        awaitDecisions(agentOf, CALLS);

        approve(agentOf, verdicts, 0);
        awaitDecisions(agentOf, CALLS + CALLS / 2);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int decidedBeforeKill = decisionsFor(agentOf).values().stream().mapToInt(List::size).sum();
        approve(agentOf, verdicts, 1);
        Process second = startStream(stateDir, LOGS.resolve("review-crash-second-stream.log"));
        try {
            awaitDecisions(agentOf, 2 * CALLS);

            assertThat(decidedBeforeKill).isEqualTo(CALLS + CALLS / 2);
            assertThat(decisionsFor(agentOf).values()).allSatisfy(effects -> assertThat(effects).containsExactly(Effect.REVIEW, Effect.ALLOW));
            assertThat(receiptKindsFor(agentOf)).hasSize(CALLS).allSatisfy((intent, kinds) ->
                    assertThat(kinds).containsExactly(ReceiptKind.DECISION, ReceiptKind.VERDICT, ReceiptKind.DECISION));
            assertThat(finalStates(agentOf)).hasSize(CALLS).containsOnly(ReviewStatus.APPROVED);
            VerificationReport report = new TopicVerifier(SharedKafka.bootstrapServers()).verify(Topics.RECEIPT.name(), Topics.CHECKPOINT.name());
            assertThat(report.firstBreak()).isEmpty();
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
        assertThat(out.readLine()).as("first line of the stream process (log: %s)", log).startsWith("decision stream running");
        return process;
    }

    /** Proposes the calls, each needing a review; returns each intent id with its agent. */
    private static Map<String, String> proposeCalls() {
        Map<String, String> agentOf = new HashMap<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), Topics.PROPOSE.keySerde().serializer(), Topics.PROPOSE.valueSerde().serializer())) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < CALLS; i++) {
                String agent = "review-crash-agent-" + (i % AGENTS);
                Intent intent = SampleIntents.intent().setIntentId("review-crash-" + i).setAgent(SampleIntents.agent(agent)).setTool("pay")
                        .setArgumentsJson("{\"n\":" + i + "}").setEventTime(now).setReplyTo(new ReplyAddress("review-crash-it", 2)).build();
                producer.send(new ProducerRecord<>(Topics.PROPOSE.name(), agent, intent));
                agentOf.put(intent.getIntentId(), agent);
            }
            producer.flush();
        }
        return agentOf;
    }

    /** One sealed approval for each call of half {@code half} (0 or 1), keyed by its agent as the review service keys them. */
    private static void approve(Map<String, String> agentOf, SealedVerdicts verdicts, int half) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), Topics.REVIEW_VERDICT.keySerde().serializer(), Topics.REVIEW_VERDICT.valueSerde().serializer())) {
            agentOf.forEach((intentId, agent) -> {
                if (Integer.parseInt(intentId.substring(intentId.lastIndexOf('-') + 1)) % 2 == half) {
                    producer.send(new ProducerRecord<>(Topics.REVIEW_VERDICT.name(), agent, verdicts.approve(intentId, "approver-" + half)));
                }
            });
            producer.flush();
        }
    }

    private static void awaitDecisions(Map<String, String> agentOf, int atLeast) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> decisionsFor(agentOf).values().stream().mapToInt(List::size).sum() >= atLeast);
    }

    /** The effects of the committed decisions of each of our intents, in order. */
    private static Map<String, List<Effect>> decisionsFor(Map<String, String> agentOf) {
        Map<String, List<Effect>> effects = new HashMap<>();
        TopicConsumers.readToEnd(SharedKafka.bootstrapServers(), Topics.DECIDE.name(), Topics.DECIDE, Duration.ofSeconds(30), r -> {
            Decision decision = r.value();
            if (agentOf.containsKey(decision.getIntentId())) {
                effects.computeIfAbsent(decision.getIntentId(), id -> new ArrayList<>()).add(decision.getEffect());
            }
            return true;
        });
        return effects;
    }

    /** The kinds of the committed receipts of each of our intents, in chain order. */
    private static Map<String, List<ReceiptKind>> receiptKindsFor(Map<String, String> agentOf) {
        Map<String, List<ReceiptKind>> kinds = new HashMap<>();
        TopicConsumers.readToEnd(SharedKafka.bootstrapServers(), Topics.RECEIPT.name(), Topics.RECEIPT, Duration.ofSeconds(30), r -> {
            Receipt receipt = r.value();
            if (agentOf.containsKey(receipt.getIntent().getIntentId())) {
                kinds.computeIfAbsent(receipt.getIntent().getIntentId(), id -> new ArrayList<>()).add(receipt.getKind());
            }
            return true;
        });
        return kinds;
    }

    /** The last committed state of each of our reviews. */
    private static List<ReviewStatus> finalStates(Map<String, String> agentOf) {
        Map<String, ReviewState> last = new HashMap<>();
        TopicConsumers.readToEnd(SharedKafka.bootstrapServers(), Topics.REVIEW_STATE.name(), Topics.REVIEW_STATE, Duration.ofSeconds(30), r -> {
            if (agentOf.containsKey(r.key())) {
                last.put(r.key(), r.value());
            }
            return true;
        });
        return last.values().stream().map(ReviewState::getStatus).toList();
    }
}
