package dev.mcpgw.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Topics#SCHEMAS}: every schema records on the gateway's topics were written with, as Avro
 * schema JSON keyed by its fingerprint in 16 hex digits (the fingerprint's value, big-endian; the
 * record's header holds the same eight bytes little-endian). A writer publishes its schemas before
 * its first record, so any reader, of this project or not, can resolve a record's writer schema.
 * Records here are untrusted: one that does not parse as a record schema, or whose schema's
 * fingerprint is not its key, is refused.
 */
public final class SchemaTopic {
    /** Far above any schema of the gateway's (the largest, PendingReview, is a few tens of KiB). */
    static final int MAX_SCHEMA_CHARS = 256 * 1024;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final HexFormat HEX = HexFormat.of();
    private static final Logger LOG = LoggerFactory.getLogger(SchemaTopic.class);

    private SchemaTopic() {
    }

    public static String key(Schema schema) {
        return HEX.toHexDigits(WriterSchemas.fingerprint(schema));
    }

    /**
     * What a process does at start, before it writes a record: publishes every schema it knows (the
     * ones it writes, and the earlier ones records already on the topics were written with, which
     * is how a {@code data/} written before this topic existed becomes readable by anyone), then
     * resolves schemas it does not know from the topic.
     */
    public static void publishAndFollow(String bootstrapServers) {
        publish(bootstrapServers, WriterSchemas.shared().known());
        WriterSchemas.shared().follow(bootstrapServers);
    }

    /**
     * Publishes each of {@code schemas} not on the topic yet and waits for the broker to have them:
     * a record must never come before its schema.
     */
    public static void publish(String bootstrapServers, Collection<Schema> schemas) {
        Map<Long, Schema> present = readAll(bootstrapServers);
        Map<String, String> missing = schemas.stream().filter(s -> !present.containsKey(WriterSchemas.fingerprint(s)))
                .collect(Collectors.toMap(SchemaTopic::key, Schema::toString, (a, b) -> a));
        if (missing.isEmpty()) {
            return;
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), Topics.SCHEMAS.keySerde().serializer(), Topics.SCHEMAS.valueSerde().serializer())) {
            var sent = missing.entrySet().stream()
                    .map(s -> producer.send(new ProducerRecord<>(Topics.SCHEMAS.name(), s.getKey(), s.getValue()))).toList();
            for (Future<RecordMetadata> each : sent) {
                each.get();
            }
        } catch (ExecutionException e) {
            throw new KafkaException("could not publish the writer schemas", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing the writer schemas", e);
        }
    }

    /** Every valid schema on the topic by fingerprint, the first one a fingerprint had winning; invalid records are logged and skipped. */
    public static Map<Long, Schema> readAll(String bootstrapServers) {
        try (Reader reader = new Reader(bootstrapServers)) {
            return reader.get();
        }
    }

    static void closeQuietly(AutoCloseable reader) {
        try {
            reader.close();
        } catch (Exception e) {
            LOG.debug("closing a reader of {} failed", Topics.SCHEMAS.name(), e);
        }
    }

    /** Reads the topic from its beginning; each {@link #get} gives the valid schemas published since the one before. */
    static final class Reader implements Supplier<Map<Long, Schema>>, AutoCloseable {
        private static final TopicPartition ONLY = new TopicPartition(Topics.SCHEMAS.name(), 0);
        private final KafkaConsumer<String, String> consumer;

        Reader(String bootstrapServers) {
            consumer = TopicConsumers.readingFromBeginning(bootstrapServers, Topics.SCHEMAS.name(), Topics.SCHEMAS);
        }

        @Override
        public synchronized Map<Long, Schema> get() {
            Map<Long, Schema> schemas = new HashMap<>();
            long end = consumer.endOffsets(List.of(ONLY), READ_TIMEOUT).get(ONLY);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(ONLY, READ_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("could not read " + Topics.SCHEMAS.name() + " within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    parse(record.key(), record.value()).ifPresentOrElse(s -> schemas.putIfAbsent(WriterSchemas.fingerprint(s), s),
                            () -> LOG.warn("refused the record at offset {} of {}: not a record schema whose fingerprint is its key",
                                    record.offset(), Topics.SCHEMAS.name()));
                }
            }
            return schemas;
        }

        @Override
        public synchronized void close() {
            // Without waiting out a fetch still in flight: each start reads this topic, and a close that waited cost seconds.
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    /** The schema a record of the topic holds, if it holds one: JSON of a record schema, not too large, whose fingerprint is {@code key}. */
    static Optional<Schema> parse(String key, String json) {
        if (key == null || json == null || json.length() > MAX_SCHEMA_CHARS) {
            return Optional.empty();
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(json);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return schema.getType() == Schema.Type.RECORD && key(schema).equals(key) ? Optional.of(schema) : Optional.empty();
    }
}
