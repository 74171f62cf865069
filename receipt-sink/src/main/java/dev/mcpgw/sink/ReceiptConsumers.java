package dev.mcpgw.sink;

import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** A consumer of committed receipts, assigned to every partition of a receipt topic from its start. */
final class ReceiptConsumers {
    private ReceiptConsumers() {
    }

    static KafkaConsumer<String, Receipt> fromBeginning(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var consumer = new KafkaConsumer<>(config, Topics.RECEIPT.keySerde().deserializer(), Topics.RECEIPT.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalArgumentException("no such topic: " + topic);
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
