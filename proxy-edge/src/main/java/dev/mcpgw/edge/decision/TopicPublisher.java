package dev.mcpgw.edge.decision;

import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.trace.TraceHeaders;
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
 * Publishes the edge's events (intents to gateway.propose, outcomes to gateway.outcome), keyed by
 * agent id and stamped with the event's time. Idempotent, acks=all, no linger unless asked for one:
 * a call waits for an intent's send, so batching would only add latency; events nobody waits for
 * (outcomes, refusals) may linger so that under load a request carries several. Metadata is
 * fetched at start so that a send never blocks the event loop on it. The span current when an
 * event is published is named in the record's {@code traceparent} and {@code tracestate} headers
 * (see {@link TraceHeaders}), never in the event itself.
 */
public final class TopicPublisher<V> implements AutoCloseable {
    private final Topic<String, V> topic;
    private final Producer<String, V> producer;
    private final Context context;

    public TopicPublisher(Topic<String, V> topic, String bootstrapServers, Duration deliveryTimeout, Context context) {
        this(topic, bootstrapServers, deliveryTimeout, Duration.ZERO, context);
    }

    public TopicPublisher(Topic<String, V> topic, String bootstrapServers, Duration deliveryTimeout, Duration linger, Context context) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis(),
                // Kafka refuses a delivery timeout shorter than the linger and the request timeout together.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.plus(linger).toMillis());
        this.topic = topic;
        this.producer = new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
        this.context = context;
        producer.partitionsFor(topic.name());
    }

    /** Completes on the edge's context once the broker has the event. */
    public Future<Void> publish(String agentId, long eventTime, V event) {
        Promise<Void> promise = Promise.promise();
        try {
            producer.send(new ProducerRecord<>(topic.name(), null, eventTime, agentId, event, TraceHeaders.ofCurrentSpan()),
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
