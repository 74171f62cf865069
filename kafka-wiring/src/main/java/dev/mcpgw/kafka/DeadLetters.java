package dev.mcpgw.kafka;

import dev.mcpgw.schemas.DeadLetter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a component puts a record it cannot read or use, so that it can go on with the next one:
 * a {@link DeadLetter} on gateway.dead-letter naming the record's topic, partition and offset, an
 * error log line, and a count for metrics. Never the record's content: a propose record holds
 * what an agent sent, secrets included. Delivery is at least once (a record read again after a
 * crash is reported again, under the same key).
 */
public final class DeadLetters implements DeadLetterReporter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaProducer<String, DeadLetter> producer;
    private final AtomicLong count = new AtomicLong();

    public DeadLetters(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // A report must never hold up the component that gives up on a record (a stream transaction, say).
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000),
                Topics.DEAD_LETTER.keySerde().serializer(), Topics.DEAD_LETTER.valueSerde().serializer());
    }

    @Override
    public void report(String component, String topic, int partition, long offset, byte[] value, String reason) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setComponent(component)
                .setTopic(topic == null ? "" : topic)
                .setPartition(partition)
                .setOffset(offset)
                .setReason(reason)
                .setValueBytes(value == null ? -1 : value.length)
                .setValueSha256(value == null ? null : sha256(value))
                .setDetectedAt(System.currentTimeMillis())
                .build();
        count.incrementAndGet();
        String key = letter.getTopic() + "/" + partition + "/" + offset;
        LOG.error("{} gave up on record {} ({}); reported to {}", component, key, reason, Topics.DEAD_LETTER.name());
        try {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTER.name(), key, letter), (metadata, e) -> {
                if (e != null) {
                    LOG.error("could not report record {} to {}: {}", key, Topics.DEAD_LETTER.name(), e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.error("could not report record {} to {}: {}", key, Topics.DEAD_LETTER.name(), e.toString());
        }
    }

    /** "unreadable (SerializationException)": a reason that names what failed without an exception message, which may quote the record. */
    public static String reason(String what, Throwable cause) {
        return what + " (" + cause.getClass().getSimpleName() + ")";
    }

    /** Records reported since this instance started. */
    public long count() {
        return count.get();
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
