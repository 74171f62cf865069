package dev.mcpgw.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;

/** Consumers that read every committed record of a topic, assigned (no group) to all its partitions. */
public final class TopicConsumers {
    /**
     * How long the broker may hold a fetch of a consumer that tails a topic before answering it
     * empty. A fetch is answered as soon as records arrive, so this costs no latency; it sets how
     * often an idle consumer asks again (twice a second at the client's 500 ms default: the broker's
     * request threads were the busiest of an idle gateway). It would delay partitions assigned while
     * a fetch is out, so it suits consumers assigned once, not the decision stream, whose tasks
     * resume partitions after restoring them.
     */
    public static final int TAILING_FETCH_WAIT_MS = 5_000;
    /** A read up to the end as it is now is short-lived, and a fetch held long can hold it up. */
    private static final int READING_FETCH_WAIT_MS = 100;
    /**
     * How long a reader waits for its topic to show in the metadata of the broker it asks before it
     * calls the topic missing: a topic just created, by this process or another, reaches each
     * broker of a cluster a little after its controller has created it.
     */
    static final Duration TOPIC_APPEARANCE_WAIT = Duration.ofSeconds(5);
    private static final Duration TOPIC_LOOKUP_INTERVAL = Duration.ofMillis(100);

    private TopicConsumers() {
    }

    /** Every committed, readable record value of {@code topicName} up to its end now, oldest first (partition by partition). */
    public static <K, V> List<V> readAll(String bootstrapServers, String topicName, Topic<K, V> type, Duration timeout) {
        List<V> values = new ArrayList<>();
        readToEnd(bootstrapServers, topicName, type, timeout, r -> r.value() == null || values.add(r.value()));
        return values;
    }

    /**
     * Hands every committed record of {@code topicName}, from its beginning to its end as it is now,
     * to {@code handler}, until the handler answers false; fails after {@code timeout}. A record that
     * cannot be read is handed on with a null value, as a tombstone is: it is the handler's to judge.
     */
    public static <K, V> void readToEnd(String bootstrapServers, String topicName, Topic<K, V> type, Duration timeout,
                                        Predicate<ConsumerRecord<K, V>> handler) {
        try (KafkaConsumer<K, V> consumer = fromBeginning(bootstrapServers, topicName, type, READING_FETCH_WAIT_MS)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("could not read " + topicName + " within " + timeout);
                }
                for (ConsumerRecord<K, V> record : poll(consumer)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition())) && !handler.test(record)) {
                        return;
                    }
                }
            }
        }
    }

    /** The next records; at an unreadable one (where the consumer would stop for good), that record alone, without its value. */
    private static <K, V> List<ConsumerRecord<K, V>> poll(KafkaConsumer<K, V> consumer) {
        try {
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records;
        } catch (RecordDeserializationException e) {
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return List.of(new ConsumerRecord<>(e.topicPartition().topic(), e.topicPartition().partition(), e.offset(), null, null));
        }
    }

    /**
     * A consumer that tails {@code topicName} from its first record, decoded as {@code type}'s
     * records (the name may be a copy's).
     */
    public static <K, V> KafkaConsumer<K, V> fromBeginning(String bootstrapServers, String topicName, Topic<K, V> type) {
        return fromBeginning(bootstrapServers, topicName, type, TAILING_FETCH_WAIT_MS);
    }

    /**
     * A consumer that reads {@code topicName} from its first record when asked, polled only until
     * it reaches the end: a short fetch wait, so the last poll of each read does not hold it.
     */
    public static <K, V> KafkaConsumer<K, V> readingFromBeginning(String bootstrapServers, String topicName, Topic<K, V> type) {
        return fromBeginning(bootstrapServers, topicName, type, READING_FETCH_WAIT_MS);
    }

    /**
     * A consumer that tails the one partition of {@code type}'s topic from {@code offset}, for a
     * reader that read the topic to its end at start and follows it from where that read stopped.
     */
    public static <K, V> KafkaConsumer<K, V> followingFrom(String bootstrapServers, Topic<K, V> type, long offset) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, TAILING_FETCH_WAIT_MS);
        var consumer = new KafkaConsumer<>(config, type.keySerde().deserializer(), type.valueSerde().deserializer());
        TopicPartition only = new TopicPartition(type.name(), 0);
        consumer.assign(List.of(only));
        consumer.seek(only, offset);
        return consumer;
    }

    private static <K, V> KafkaConsumer<K, V> fromBeginning(String bootstrapServers, String topicName, Topic<K, V> type,
                                                            int fetchWaitMs) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchWaitMs);
        var consumer = new KafkaConsumer<>(config, type.keySerde().deserializer(), type.valueSerde().deserializer());
        try {
            List<TopicPartition> partitions = partitionsOnceKnown(consumer, topicName);
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("no such topic: " + topicName + " (not known to the broker after "
                        + TOPIC_APPEARANCE_WAIT.toSeconds() + " s)");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** The topic's partitions, asked for again until the broker knows the topic or {@link #TOPIC_APPEARANCE_WAIT} is over; empty then. */
    private static List<TopicPartition> partitionsOnceKnown(KafkaConsumer<?, ?> consumer, String topicName) {
        long deadline = System.nanoTime() + TOPIC_APPEARANCE_WAIT.toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topicName).stream()
                    .map(p -> new TopicPartition(topicName, p.partition())).toList();
            if (!partitions.isEmpty() || System.nanoTime() > deadline) {
                return partitions;
            }
            try {
                Thread.sleep(TOPIC_LOOKUP_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                throw new InterruptException("interrupted while waiting for topic " + topicName, e);
            }
        }
    }
}
