package dev.mcpgw.edge.decision;

import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes intents to gateway.propose, keyed by agent id, timestamped with the intent's event
 * time. Idempotent, acks=all, no linger: a call waits for this send, so batching would only add
 * latency. Metadata is fetched at start so that a send never blocks the event loop on it.
 */
public final class ProposePublisher implements AutoCloseable {
    private final Producer<String, Intent> producer;
    private final Context context;

    public ProposePublisher(String bootstrapServers, Duration deliveryTimeout, Context context) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        this.producer = new KafkaProducer<>(config, Topics.PROPOSE.keySerde().serializer(), Topics.PROPOSE.valueSerde().serializer());
        this.context = context;
        producer.partitionsFor(Topics.PROPOSE.name());
    }

    /** Completes on the edge's context once the broker has the intent. */
    public Future<Void> publish(Intent intent) {
        Promise<Void> promise = Promise.promise();
        try {
            producer.send(new ProducerRecord<>(Topics.PROPOSE.name(), null, intent.getEventTime(), intent.getAgent().getId(), intent),
                    (metadata, error) -> context.runOnContext(v -> {
                        if (error == null) {
                            promise.complete();
                        } else {
                            promise.fail(error);
                        }
                    }));
        } catch (RuntimeException e) {
            promise.fail(e);
        }
        return promise.future();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
