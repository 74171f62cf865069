package dev.mcpgw.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The exactly-once floor: a Kafka Streams pass-through under exactly_once_v2 that does nothing but
 * commit each record it reads, its output read back read_committed, one record at a time. This is
 * the decision path without the decision: the intent's fetch, one produce, the offsets, the end of
 * the transaction and its markers. One at a time, committing each record is what the decision
 * stream does when it has caught up, and its client settings that bear on latency are the
 * stream's own (DecisionStreamApp), so no decision through Kafka Streams can be faster than this.
 */
final class ExactlyOnceRoundTrip implements AutoCloseable {
    private static final String IN = "bench.eos.in";
    private static final String OUT = "bench.eos.out";
    private final KafkaStreams streams;
    private final SendAndReadBack client;

    ExactlyOnceRoundTrip(String bootstrapServers, Path stateDir) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(IN, 1, (short) 1), new NewTopic(OUT, 1, (short) 1))).all().get();
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(IN, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .processValues(CommitEach::new)
                .to(OUT, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        streams = new KafkaStreams(builder.build(), streamsConfig(bootstrapServers, stateDir));
        streams.start();
        client = new SendAndReadBack(bootstrapServers, IN, OUT, "read_committed");
    }

    /** The decision stream's settings that set when a transaction commits and how its records travel. */
    private static Properties streamsConfig(String bootstrapServers, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-exactly-once-floor");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.POLL_MS_CONFIG, 500);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 100);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 500);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        return props;
    }

    /** Whether the pass-through has joined its group and is reading. */
    boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** One round trip; runs on the caller's thread (the floor is measured one at a time). */
    CompletableFuture<Boolean> roundTrip() {
        return client.roundTrip();
    }

    @Override
    public void close() {
        client.close();
        streams.close(Duration.ofSeconds(10));
    }

    /** Passes each record on and asks for a commit once it has been processed. */
    private static final class CommitEach implements FixedKeyProcessor<byte[], byte[], byte[]> {
        private FixedKeyProcessorContext<byte[], byte[]> context;

        @Override
        public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> record) {
            context.forward(record);
            context.commit();
        }
    }
}
