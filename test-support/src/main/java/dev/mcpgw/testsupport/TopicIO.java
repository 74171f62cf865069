package dev.mcpgw.testsupport;

import dev.mcpgw.kafka.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Typed reads and writes of the shared broker's topics, with serdes taken from the Topic. */
public final class TopicIO {
    private TopicIO() {
    }

    public static <K, V> void write(Topic<K, V> topic, K key, V value, long timestamp) {
        send(topic, new ProducerRecord<>(topic.name(), null, timestamp, key, value));
    }

    /** Writes to one partition, as the decision stream writes a decision to the partition of the edge that asked. */
    public static <K, V> void writeToPartition(Topic<K, V> topic, int partition, K key, V value) {
        send(topic, new ProducerRecord<>(topic.name(), partition, key, value));
    }

    /** Writes raw bytes (null: a tombstone) to {@code topic}, as a hostile or broken producer could. */
    public static void writeBytes(String topic, String key, byte[] value) {
        Map<String, Object> conf = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(conf, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }

    private static <K, V> void send(Topic<K, V> topic, ProducerRecord<K, V> record) {
        Map<String, Object> conf = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(conf, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic.name(), e);
        }
    }

    /** Writes {@code records} (key, value) in order with one producer, each stamped with the current time. */
    public static <K, V> void writeAll(Topic<K, V> topic, List<Map.Entry<K, V>> records) {
        Map<String, Object> conf = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(conf, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (Map.Entry<K, V> record : records) {
                producer.send(new ProducerRecord<>(topic.name(), record.getKey(), record.getValue()));
            }
            producer.flush();
        }
    }

    /** Reads committed records from the start of every partition until {@code done} holds or the timeout passes. */
    public static <K, V> List<ConsumerRecord<K, V>> readUntil(Topic<K, V> topic, Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        Map<String, Object> conf = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(conf, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (!done.test(records) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }
}
