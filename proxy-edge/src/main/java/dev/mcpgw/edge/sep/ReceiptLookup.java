package dev.mcpgw.edge.sep;

import dev.mcpgw.kafka.ReceiptKeyTopic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Finds the receipts of one intent on gateway.receipt: its decision (a review's steps too) and
 * those of the calls that redeemed or tried to redeem its authorization, with what they did. The
 * topic is keyed by chain position, not by intent, so every partition is read from a little
 * before the intent's event time (receipt records carry their input's timestamp) to its end now:
 * committed receipts only, unreadable records skipped, within a time and record budget. Blocking:
 * call it off the event loop.
 */
public final class ReceiptLookup {
    /** How far before the intent's event time reading starts: the broker's clock may be behind the edge's. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    private static final int MAX_RECORDS = 500_000;

    private final String bootstrapServers;
    private final Duration timeout;

    public ReceiptLookup(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** The receipts found, in chain order, and whether the whole range could be read within the budget. */
    public record Found(List<Receipt> receipts, boolean complete) {
    }

    public Found of(String intentId, long eventTime) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        List<Receipt> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RECEIPT.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(p -> since.put(p, eventTime - CLOCK_MARGIN.toMillis()));
            Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(since, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            partitions.forEach(p -> consumer.seek(p, from.get(p) == null ? end.get(p) : from.get(p).offset()));
            long deadline = System.nanoTime() + timeout.toNanos();
            int read = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline || read > MAX_RECORDS) {
                    return new Found(sorted(found), false);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        readable(record.value()).filter(r -> belongsTo(r, intentId)).ifPresent(found::add);
                    }
                }
            }
        }
        return new Found(sorted(found), true);
    }

    /** The public keys that signed {@code receipts}, as published on gateway.receipt-keys. */
    public List<ReceiptKey> keysOf(List<Receipt> receipts) {
        List<String> ids = receipts.stream().map(Receipt::getKeyId).distinct().toList();
        return ReceiptKeyTopic.readAll(bootstrapServers).stream().filter(k -> ids.contains(k.getKeyId())).toList();
    }

    private static boolean belongsTo(Receipt receipt, String intentId) {
        return intentId.equals(receipt.getIntent().getIntentId()) || intentId.equals(receipt.getIntent().getRedeems());
    }

    private static Optional<Receipt> readable(byte[] value) {
        try {
            return Optional.ofNullable(value == null ? null : Topics.RECEIPT.valueSerde().deserializer().deserialize(Topics.RECEIPT.name(), value));
        } catch (SerializationException e) {
            return Optional.empty();
        }
    }

    private static List<Receipt> sorted(List<Receipt> receipts) {
        return receipts.stream().sorted(Comparator.comparing(Receipt::getChain).thenComparingLong(Receipt::getSequence)).toList();
    }
}
