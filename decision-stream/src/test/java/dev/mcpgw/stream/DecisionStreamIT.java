package dev.mcpgw.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.kafka.ReceiptKeyTopic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReplyAddress;
import dev.mcpgw.stream.topology.ChainSettings;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionStreamIT {
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    private static DecisionStreamApp app;

    @BeforeAll
    static void startStream(@TempDir Path stateDir) {
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("v", """
                default: deny
                rules:
                  - {id: echo-ok, effect: allow, tools: [echo]}
                """, 0L), 0L);
        DecisionStreamApp.Settings settings = DecisionStreamApp.Settings.defaults(SharedKafka.bootstrapServers(), stateDir);
        // A timed checkpoint a second after receipts, so that a test sees that timer come and go.
        app = new DecisionStreamApp(settings.withChain(new ChainSettings(settings.chain().signingKey(), 1000, CHECKPOINT_INTERVAL)));
        app.start();
        await().atMost(Duration.ofSeconds(60)).until(app::isRunning);
    }

    @AfterAll
    static void stopStream() {
        app.close();
    }

    @Test
    void shouldDecideEveryIntentOnTheRealBrokerAndRouteItToTheAskingEdgesPartition() {
        // given
        String echo = UUID.randomUUID().toString();
        String rm = UUID.randomUUID().toString();
        // when
        TopicIO.write(Topics.PROPOSE, "agent-a", intent(echo, "echo", 2), 1000L);
        TopicIO.write(Topics.PROPOSE, "agent-a", intent(rm, "rm", 2), 1001L);
        // then
        List<ConsumerRecord<String, Decision>> decisions = TopicIO.readUntil(Topics.DECIDE,
                rs -> ids(rs).containsAll(List.of(echo, rm)), Duration.ofSeconds(30));
        Map<String, ConsumerRecord<String, Decision>> byId = decisions.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> r, (a, b) -> a));
        assertThat(byId.get(echo).value().getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(byId.get(rm).value().getEffect()).isEqualTo(Effect.DENY);
        assertThat(byId.get(echo).partition()).isEqualTo(2);
        assertThat(byId.get(rm).partition()).isEqualTo(2);
    }

    @Test
    void shouldWriteReceiptsWhoseChainsVerify() {
        // given: intents of five agents, so several partitions and chains, each committing on its own
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String id = UUID.randomUUID().toString();
            sent.add(id);
            TopicIO.write(Topics.PROPOSE, "agent-" + (i % 5), intent(id, "echo", 0), 2000L + i);
        }
        // when
        List<ConsumerRecord<String, Receipt>> receipts = TopicIO.readUntil(Topics.RECEIPT,
                rs -> rs.stream().map(r -> r.value().getIntent().getIntentId()).collect(Collectors.toSet()).containsAll(sent),
                Duration.ofSeconds(30));
        // then

        ChainVerifier verifier = new ChainVerifier(new ReceiptHasher(),
                KeyRing.readingFrom(() -> ReceiptKeyTopic.readAll(SharedKafka.bootstrapServers())));
        receipts.forEach(r -> assertThat(verifier.accept(r.value())).isEmpty());
        assertThat(verifier.verifiedCount()).isGreaterThanOrEqualTo(20);
        assertThat(receipts).allSatisfy(r -> assertThat(r.key()).isEqualTo(
                r.value().getChain() + "/" + String.format("%019d", r.value().getSequence())));
    }

    @Test
    void shouldStopCommittingOnceIdle() {
        // given: a call decided (under exactly-once, a task that has read anything commits a
        // transaction whenever it is asked to, empty or not)
        String id = UUID.randomUUID().toString();
        TopicIO.write(Topics.PROPOSE, "agent-idle", intent(id, "echo", 1), 3000L);
        Receipt receipt = TopicIO.readUntil(Topics.RECEIPT, rs -> rs.stream().anyMatch(r -> r.value().getIntent().getIntentId().equals(id)),
                Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).filter(r -> r.getIntent().getIntentId().equals(id)).findFirst().orElseThrow();

        try (KafkaStreamsMetrics metrics = app.metrics()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            metrics.bindTo(registry);
            StandingStill commits = new StandingStill(registry.get("kafka.stream.thread.commit.total").functionCounter(),
                    CHECKPOINT_INTERVAL.multipliedBy(3));

            // then: once the timed checkpoint of its receipt is out, three seconds (three periods of
            // the review clock and of the checkpoint timer, had either kept running) without a commit
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(commits::stillLongEnough);
            assertThat(TopicIO.readUntil(Topics.CHECKPOINT, rs -> rs.stream().anyMatch(r -> covers(r.value(), receipt)), Duration.ofSeconds(10)))
                    .anyMatch(r -> covers(r.value(), receipt));
        }
    }

    private static boolean covers(Checkpoint checkpoint, Receipt receipt) {
        return checkpoint.getChain().equals(receipt.getChain()) && checkpoint.getCount() > receipt.getSequence();
    }

    /** Asked again and again: true once the counter has not moved for {@code span}. */
    private static final class StandingStill {
        private final FunctionCounter counter;
        private final Duration span;
        private double last = Double.NaN;
        private long since;

        StandingStill(FunctionCounter counter, Duration span) {
            this.counter = counter;
            this.span = span;
        }

        boolean stillLongEnough() {
            double now = counter.count();
            if (now != last) {
                last = now;
                since = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since >= span.toNanos();
        }
    }

    private static List<String> ids(List<ConsumerRecord<String, Decision>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }

    private static Intent intent(String id, String tool, int replyPartition) {
        return SampleIntents.intent().setIntentId(id).setTool(tool).setReplyTo(new ReplyAddress("edge-it", replyPartition)).build();
    }
}
