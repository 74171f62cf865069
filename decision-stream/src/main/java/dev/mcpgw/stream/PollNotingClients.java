package dev.mcpgw.stream;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;

/**
 * Kafka's own clients for the decision stream, except that its consumers wait longer in poll once
 * nothing has arrived for a while. The stream thread must poll every millisecond while it works,
 * since it looks at its commit timer only between polls and a decision is visible only once
 * committed (see shared/kafka-latency-floor.md); polling that often with nothing to do spun a
 * core's tenth away. A consumer's poll returns as soon as records arrive, so the longer wait costs
 * an idle stream nothing, and the first poll after records came is short again, so nothing waits
 * for its commit.
 */
final class IdleAwareClients implements KafkaClientSupplier {
    /** Empty polls in a row after which the stream counts as idle: with 1 ms polls, a few milliseconds of quiet. */
    static final int IDLE_AFTER_EMPTY_POLLS = 10;
    static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final KafkaClientSupplier kafka = new DefaultKafkaClientSupplier();

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return kafka.getAdmin(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return kafka.getProducer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new IdleAwareConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return kafka.getRestoreConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return new IdleAwareConsumer(config);
    }

    /** Stretches a non-zero poll to {@link #IDLE_POLL} once {@link #IDLE_AFTER_EMPTY_POLLS} polls in a row were empty. */
    static final class IdleAwareConsumer extends KafkaConsumer<byte[], byte[]> {
        private int emptyPolls;

        IdleAwareConsumer(Map<String, Object> config) {
            super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            boolean idle = emptyPolls >= IDLE_AFTER_EMPTY_POLLS && !timeout.isZero() && timeout.compareTo(IDLE_POLL) < 0;
            ConsumerRecords<byte[], byte[]> records = super.poll(idle ? IDLE_POLL : timeout);
            emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
            return records;
        }
    }
}
