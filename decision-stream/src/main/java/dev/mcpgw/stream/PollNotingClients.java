package dev.mcpgw.stream;

import dev.mcpgw.stream.processor.PolledOffsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;

/**
 * Kafka's own clients for the decision stream, except that the stream threads' consumers note in
 * {@link PolledOffsets} how far each poll reached, so that the topology can tell when it has
 * caught up and commit then (see {@code CommitWhenCaughtUp}), and that the global consumer closes
 * without waiting out the fetch the broker holds for it.
 */
final class PollNotingClients implements KafkaClientSupplier {
    private final KafkaClientSupplier kafka = new DefaultKafkaClientSupplier();
    private final PolledOffsets polled;

    PollNotingClients(PolledOffsets polled) {
        this.polled = polled;
    }

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
        return new PollNotingConsumer(config, polled);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return kafka.getRestoreConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return new PromptlyClosedConsumer(config);
    }

    /**
     * The global consumer is assigned, with no group to leave and no offsets to commit, and the
     * broker holds its empty fetches for {@code TopicConsumers.TAILING_FETCH_WAIT_MS}: a close with
     * time to spare would wait that out before the stream could stop.
     */
    static final class PromptlyClosedConsumer extends KafkaConsumer<byte[], byte[]> {
        PromptlyClosedConsumer(Map<String, Object> config) {
            super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public void close() {
            close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    /** Records, per partition, the offset of the last record each poll returns. */
    static final class PollNotingConsumer extends KafkaConsumer<byte[], byte[]> {
        private final PolledOffsets polled;

        PollNotingConsumer(Map<String, Object> config, PolledOffsets polled) {
            super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.polled = polled;
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            for (TopicPartition partition : records.partitions()) {
                var ofPartition = records.records(partition);
                polled.polled(partition, ofPartition.get(ofPartition.size() - 1).offset());
            }
            return records;
        }
    }
}
