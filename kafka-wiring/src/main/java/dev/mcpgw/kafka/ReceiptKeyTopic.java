package dev.mcpgw.kafka;

import dev.mcpgw.schemas.ReceiptKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/** Publishing and reading the public keys receipts are signed with ({@link Topics#RECEIPT_KEYS}). */
public final class ReceiptKeyTopic {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private ReceiptKeyTopic() {
    }

    /** Publishes {@code key} and waits for the broker to have it: receipts it signs must never come first. */
    public static void publish(String bootstrapServers, ReceiptKey key) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), Topics.RECEIPT_KEYS.keySerde().serializer(), Topics.RECEIPT_KEYS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.RECEIPT_KEYS.name(), key.getKeyId(), key)).get();
        } catch (ExecutionException e) {
            throw new KafkaException("could not publish receipt key " + key.getKeyId(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing receipt key " + key.getKeyId(), e);
        }
    }

    /** Every key published so far, oldest first. */
    public static List<ReceiptKey> readAll(String bootstrapServers) {
        return TopicConsumers.readAll(bootstrapServers, Topics.RECEIPT_KEYS.name(), Topics.RECEIPT_KEYS, READ_TIMEOUT);
    }
}
