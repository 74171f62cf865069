package dev.mcpgw.edge.decision;

import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Topics;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this edge instance's own partition of gateway.decide (committed records only) and hands
 * each decision to {@link PendingDecisions} on the edge's context. The partition is assigned, not
 * subscribed: no consumer group, no rebalance, and an instance never reads others' decisions. It
 * starts at the end of the partition: decisions for calls of an earlier run have no one waiting.
 */
public final class DecisionListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionListener.class);

    private final KafkaConsumer<String, Decision> consumer;
    private final PendingDecisions pending;
    private final Context context;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public DecisionListener(String bootstrapServers, int partition, PendingDecisions pending, Context context) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        this.consumer = new KafkaConsumer<>(config, Topics.DECIDE.keySerde().deserializer(), Topics.DECIDE.valueSerde().deserializer());
        this.pending = pending;
        this.context = context;
        TopicPartition assigned = new TopicPartition(Topics.DECIDE.name(), partition);
        consumer.assign(List.of(assigned));
        consumer.seekToEnd(List.of(assigned));
        // Resolve the end offset now, so that no decision published after start can be skipped.
        consumer.position(assigned);
        this.thread = new Thread(this::pollLoop, "decision-listener-" + partition);
        thread.setDaemon(true);
        thread.start();
    }

    private void pollLoop() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, Decision> record : consumer.poll(Duration.ofMillis(500))) {
                    Decision decision = record.value();
                    context.runOnContext(v -> pending.complete(decision));
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("decision listener stopped; calls will fail closed at their timeout", e);
        } finally {
            consumer.close();
        }
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(5000);
    }
}
