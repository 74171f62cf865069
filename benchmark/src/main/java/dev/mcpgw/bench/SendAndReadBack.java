package dev.mcpgw.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A floor's client: sends a 300-byte record (acks=all, idempotent, no linger) and waits until a
 * record can be read from the partition it watches, one at a time on the caller's thread.
 */
final class SendAndReadBack implements AutoCloseable {
    private final String sendTo;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final byte[] payload = new byte[300];

    /** Sends to partition 0 of {@code sendTo}, reads partition 0 of {@code readFrom} from its end at {@code isolation} level. */
    SendAndReadBack(String bootstrapServers, String sendTo, String readFrom, String isolation) {
        this.sendTo = sendTo;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(readFrom, 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
    }

    CompletableFuture<Boolean> roundTrip() {
        try {
            producer.send(new ProducerRecord<>(sendTo, 0, null, payload)).get();
            while (consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                Thread.onSpinWait();
            }
            return CompletableFuture.completedFuture(true);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
