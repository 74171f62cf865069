package dev.mcpgw.review;

import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approver's queue: a view of gateway.review-request, rebuilt from the topic's beginning on
 * every start, logging each request as it arrives. Verdicts and the edge waiting on them are not
 * built yet (see README).
 */
public final class PendingReviews implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PendingReviews.class);

    private final KafkaConsumer<String, ReviewRequest> consumer;
    private final Map<String, ReviewRequest> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public PendingReviews(String bootstrapServers) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, Topics.REVIEW_REQUEST.keySerde().deserializer(),
                Topics.REVIEW_REQUEST.valueSerde().deserializer());
        var partitions = consumer.partitionsFor(Topics.REVIEW_REQUEST.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "review-consumer");
    }

    public PendingReviews start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, ReviewRequest> record : consumer.poll(Duration.ofMillis(500))) {
                    ReviewRequest request = record.value();
                    pending.put(request.getIntentId(), request);
                    LOG.info("review requested: intent {} by {} for {}/{} ({})", request.getIntentId(),
                            request.getIntent().getAgent().getId(), request.getIntent().getServer(),
                            request.getIntent().getTool(), String.join("; ", request.getReasons()));
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    public List<ReviewRequest> pending() {
        return List.copyOf(pending.values());
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(5000);
    }
}
