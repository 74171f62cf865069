package dev.mcpgw.edge.decision;

import dev.mcpgw.edge.EdgeMetrics;
import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.PollLoop;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.DecisionAuthenticator;
import io.vertx.core.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads this edge instance's own partition of gateway.decide (committed records only) and hands
 * each decision to {@link PendingDecisions} on the edge's context (or, for an instance that takes
 * over the tasks of one gone, that one's partition, to the takeover). The partition is assigned, not
 * subscribed: no consumer group, no rebalance, and an instance never reads others' decisions. It
 * starts at the end of the partition: decisions for calls of an earlier run have no one waiting.
 * Each decision is handed on only if its authenticator verifies: a forged or altered decide
 * record is reported as a dead letter and counted, and the call it names keeps waiting for its
 * real decision (or fails closed at its timeout). No record can stop the loop (see PollLoop); if
 * it dies all the same, calls fail closed at their timeout and /healthz reports DOWN.
 */
public final class DecisionListener implements AutoCloseable {
    private final PollLoop<String, Decision> loop;

    /** {@code fromTime}: broker time to read decisions from, or -1 for the partition's end. */
    public DecisionListener(String bootstrapServers, int partition, long fromTime, Consumer<Decision> decided, Context context,
                            DecisionAuthenticator authenticator, DeadLetters deadLetters, EdgeMetrics metrics) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, TopicConsumers.TAILING_FETCH_WAIT_MS);
        var consumer = new KafkaConsumer<>(config, Topics.DECIDE.keySerde().deserializer(), Topics.DECIDE.valueSerde().deserializer());
        TopicPartition assigned = new TopicPartition(Topics.DECIDE.name(), partition);
        consumer.assign(List.of(assigned));
        var from = fromTime < 0 ? null : consumer.offsetsForTimes(Map.of(assigned, fromTime)).get(assigned);
        if (from == null) {
            consumer.seekToEnd(List.of(assigned));
        } else {
            consumer.seek(assigned, from.offset());
        }
        // Resolve the end offset now, so that no decision published after start can be skipped.
        consumer.position(assigned);
        this.loop = new PollLoop<>("decision-listener-" + partition, consumer, record -> {
            if (authenticator.verify(record.value())) {
                context.runOnContext(v -> decided.accept(record.value()));
            } else {
                metrics.forgedDecision();
                deadLetters.report("edge", record.topic(), record.partition(), record.offset(),
                        Topics.DECIDE.valueSerde().serializer().serialize(record.topic(), record.value()),
                        "forged decision: its authenticator does not verify");
            }
        }, deadLetters).start();
    }

    public boolean isAlive() {
        return loop.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
    }
}
