package dev.mcpgw.schemas;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Consumers that read every committed record of a topic, assigned (no group) to all its partitions. */
public final class TopicConsumers {
    private TopicConsumers() {
    }

    /** From the first record of {@code topicName}, decoded as {@code type}'s records (the name may be a copy's). */
    public static <K, V> KafkaConsumer<K, V> fromBeginning(String bootstrapServers, String topicName, Topic<K, V> type) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var consumer = new KafkaConsumer<>(config, type.keySerde().deserializer(), type.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topicName).stream()
                .map(p -> new TopicPartition(topicName, p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalArgumentException("no such topic: " + topicName);
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
