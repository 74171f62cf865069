package dev.mcpgw.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer written outside the project, as a SIEM integrator would write one: Apache Avro and
 * kafka-clients only, nothing of the gateway's code. It learns the writer schemas from
 * gateway.schemas and decodes gateway.receipt with them (the example in docs/receipts.md).
 */
final class OutsideReader {
    private OutsideReader() {
    }

    /** Every receipt on gateway.receipt, each a generic record of the schema its writer wrote it with. */
    static List<GenericRecord> receipts(String bootstrapServers) {
        SchemaStore.Cache schemas = new SchemaStore.Cache();
        readAll(bootstrapServers, "gateway.schemas", new StringDeserializer(), schema -> schemas.addSchema(new Schema.Parser().parse(schema)));
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), null, schemas);
        List<GenericRecord> receipts = new ArrayList<>();
        readAll(bootstrapServers, "gateway.receipt", new ByteArrayDeserializer(), bytes -> {
            try {
                receipts.add(decoder.decode(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return receipts;
    }

    private static <V> void readAll(String bootstrapServers, String topic, Deserializer<V> values, Consumer<V> each) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    each.accept(record.value());
                }
            }
        }
    }
}
