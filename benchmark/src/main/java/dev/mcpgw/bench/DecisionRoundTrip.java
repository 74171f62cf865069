package dev.mcpgw.bench;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.AgentIdentity;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReplyAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The decision path alone, without HTTP or a tool server: intents produced to gateway.propose and
 * their decisions read (read_committed) from a gateway.decide partition no edge uses. A listener
 * thread completes each intent's future, so any number may be in flight.
 */
final class DecisionRoundTrip implements AutoCloseable {
    private static final int PARTITION = Topics.DECIDE_PARTITIONS - 1;
    private final KafkaProducer<String, Intent> producer;
    private final KafkaConsumer<String, Decision> consumer;
    private final Map<String, CompletableFuture<Boolean>> waiting = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;

    DecisionRoundTrip(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                Topics.PROPOSE.keySerde().serializer(), Topics.PROPOSE.valueSerde().serializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                Topics.DECIDE.keySerde().deserializer(), Topics.DECIDE.valueSerde().deserializer());
        TopicPartition partition = new TopicPartition(Topics.DECIDE.name(), PARTITION);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        listener = new Thread(this::listen, "bench-decision-listener");
        listener.start();
    }

    private void listen() {
        while (running) {
            for (var record : consumer.poll(Duration.ofMillis(100))) {
                CompletableFuture<Boolean> done = waiting.remove(record.key());
                if (done != null) {
                    done.complete(true);
                }
            }
        }
        consumer.close();
    }

    /** bench-agent calls demo/echo now. */
    CompletableFuture<Boolean> roundTrip() {
        return roundTrip("bench-agent", "demo", "echo", "{\"text\":\"x\"}", Map.of());
    }

    /** One intent of {@code agent} (with {@code attributes}) to call {@code server/tool} with these arguments, now. */
    CompletableFuture<Boolean> roundTrip(String agent, String server, String tool, String argumentsJson, Map<String, String> attributes) {
        Intent intent = Intent.newBuilder()
                .setIntentId(UUID.randomUUID().toString())
                .setEventTime(System.currentTimeMillis())
                .setAgent(AgentIdentity.newBuilder().setId(agent).setCredential("api-key:bench").setAttributes(attributes).build())
                .setServer(server).setTool(tool).setArgumentsJson(argumentsJson)
                .setProtocolVersion("2025-11-25").setReplyTo(new ReplyAddress("bench", PARTITION)).setContext(Map.of()).build();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        waiting.put(intent.getIntentId(), done);
        producer.send(new ProducerRecord<>(Topics.PROPOSE.name(), null, intent.getEventTime(), agent, intent), (m, e) -> {
            if (e != null) {
                waiting.remove(intent.getIntentId());
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        listener.join();
        producer.close();
    }
}
