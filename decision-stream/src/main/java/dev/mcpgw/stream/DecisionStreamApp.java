package dev.mcpgw.stream;

import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.ReceiptKeyTopic;
import dev.mcpgw.kafka.SchemaTopic;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.DecisionAuthenticator;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.stream.errors.StreamErrorHandlers;
import dev.mcpgw.stream.processor.DecisionSpans;
import dev.mcpgw.stream.processor.PolledOffsets;
import dev.mcpgw.stream.topology.ChainSettings;
import dev.mcpgw.stream.topology.DecisionTopology;
import dev.mcpgw.stream.topology.StoreNames;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link DecisionTopology} with exactly-once processing.
 * <p>
 * Under exactly_once_v2 a decision is visible only when its transaction commits
 * (shared/kafka-latency-floor.md). The topology asks for a commit as soon as it has processed all
 * that its consumers polled of the intents, verdicts and review-clock ticks (see
 * {@link PolledOffsets}): one transaction per intent when the stream keeps up, one per poll when
 * it has a backlog. The commit interval only carries what nobody waits for (outcome receipts,
 * checkpoints); the stream thread checks that timer after each poll, and a poll returns as soon as
 * records arrive, so {@code poll.ms} is at least {@value #IDLE_POLL_MS} ms: an idle stream wakes
 * twice a second, and an outcome receipt with no intent behind it commits within that. A longer
 * poll (1 s was tried) made the stream slower to start deciding and to stop, as its fetch wait did.
 * <p>
 * A commit flushes the producer before it ends the transaction, so the producer's linger never
 * holds a decision back: records wait at most until the commit that makes them visible. A long
 * linger and large batches let the records of one transaction (decisions, receipts, changelogs)
 * go to the broker in a few produce requests rather than one each, which is what the broker spent
 * most of its time on under load.
 */
public final class DecisionStreamApp implements AutoCloseable {
    public static final String APPLICATION_ID = "mcpgw-decision-stream";
    private static final Logger LOG = LoggerFactory.getLogger(DecisionStreamApp.class);
    private static final long IDLE_POLL_MS = 500;
    /** Longer than any wait for a commit: a transaction's records are sent by its commit, or earlier when a batch fills. */
    static final int PRODUCER_LINGER_MS = 100;
    static final int PRODUCER_BATCH_BYTES = 256 * 1024;

    private final Settings settings;
    private final DeadLetters deadLetters;
    private final PolicyStatusReports policyStatuses;
    private final KafkaStreams streams;

    /** A decision stream that traces nothing. */
    public DecisionStreamApp(Settings settings) {
        this(settings, OpenTelemetry.noop());
    }

    /** A decision stream whose evaluations and receipts are traced with {@code telemetry} (see {@link DecisionSpans}). */
    public DecisionStreamApp(Settings settings, OpenTelemetry telemetry) {
        StreamsBuilder builder = new StreamsBuilder();
        this.settings = settings;
        this.deadLetters = new DeadLetters(settings.bootstrapServers());
        this.policyStatuses = new PolicyStatusReports(settings.bootstrapServers());
        PolledOffsets polled = new PolledOffsets();
        DecisionTopology.build(builder, settings.chain(), settings.proposePartitions() == 1,
                new DecisionAuthenticator(settings.decisionKey()), new VerdictAuthenticator(settings.verdictKey()), deadLetters, policyStatuses,
                polled, new DecisionSpans(telemetry));
        this.streams = new KafkaStreams(builder.build(), streamsConfig(settings, deadLetters), new PollNotingClients(polled));
        streams.setStateListener((now, before) -> LOG.info("decision stream {} -> {}", before, now));
        // A thread that died of an error no handler took is replaced; under exactly-once its work is redone.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("decision stream thread failed; replacing it ({})", e.getClass().getSimpleName(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /**
     * Where Kafka is, where state lives, how often transactions commit at the latest, how receipts are signed and
     * checkpointed, how many partitions gateway.propose has (checked at start), the key decide
     * records are authenticated with (the edges hold it too) and the key review verdicts are
     * sealed with (the review service holds it too).
     */
    public record Settings(String bootstrapServers, Path stateDir, Duration commitInterval, ChainSettings chain, int proposePartitions,
                           byte[] decisionKey, byte[] verdictKey) {
        /**
         * Commits at the latest every 100 ms; the signing key and the decision key are kept in the state directory
         * (created on first use); a checkpoint every 1000 receipts or 10 s; 4 partitions.
         */
        public static Settings defaults(String bootstrapServers, Path stateDir) {
            return defaults(bootstrapServers, stateDir, stateDir);
        }

        /**
         * The same, the keys kept in {@code keyDir}: instances that share the partitions each have
         * a state directory of their own, and must share the keys with each other and the edges.
         */
        public static Settings defaults(String bootstrapServers, Path stateDir, Path keyDir) {
            try {
                return new Settings(bootstrapServers, stateDir, Duration.ofMillis(100),
                        ChainSettings.defaults(SigningKey.loadOrCreate(signingKeyFile(keyDir))), Topics.PROPOSE_PARTITIONS,
                        SecretKeyFile.loadOrCreate(decisionKeyFile(keyDir)),
                        SecretKeyFile.loadOrCreate(VerdictAuthenticator.keyFile(keyDir)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Path signingKeyFile(Path stateDir) {
            return stateDir.resolve("receipt-signing.key");
        }

        /** The key decide records are authenticated with; every edge of this gateway must be given the same file. */
        public static Path decisionKeyFile(Path stateDir) {
            return stateDir.resolve("decision.key");
        }

        public Settings withCommitInterval(Duration interval) {
            return new Settings(bootstrapServers, stateDir, interval, chain, proposePartitions, decisionKey, verdictKey);
        }

        public Settings withProposePartitions(int partitions) {
            return new Settings(bootstrapServers, stateDir, commitInterval, chain, partitions, decisionKey, verdictKey);
        }

        public Settings withChain(ChainSettings sealing) {
            return new Settings(bootstrapServers, stateDir, commitInterval, sealing, proposePartitions, decisionKey, verdictKey);
        }
    }

    static Properties streamsConfig(Settings settings, DeadLetterReporter deadLetters) {
        Properties props = new Properties();
        StreamErrorHandlers.configure(props, deadLetters);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        props.put(StreamsConfig.POLL_MS_CONFIG, Math.max(settings.commitInterval().toMillis(), IDLE_POLL_MS));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), PRODUCER_LINGER_MS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 500);
        // The global consumer tails gateway.policy, assigned once: a fetch is answered as soon as a
        // policy arrives, so a longer wait costs no latency and spares the broker two empty fetches a second.
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), TopicConsumers.TAILING_FETCH_WAIT_MS);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // A crashed instance's partitions move to a live one after this, not after the 45 s default.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), StreamInstanceId.loadOrCreate(settings.stateDir()));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        return props;
    }

    /**
     * Checks that gateway.propose has the partitions the settings say (policies are read under that
     * assumption), publishes the signing key (so that every receipt can be verified) and the schemas
     * it writes with (so that every record can be read by other builds), then starts deciding.
     */
    public void start() {
        checkProposePartitions();
        ReceiptKeyTopic.publish(settings.bootstrapServers(), settings.chain().signingKey().published(System.currentTimeMillis()));
        SchemaTopic.publishAndFollow(settings.bootstrapServers());
        streams.start();
    }

    /** {@link #start}, then waits until the stream runs; throws when it does not within {@code timeout}. */
    public void startAndAwaitRunning(Duration timeout) throws InterruptedException {
        start();
        awaitRunning(timeout);
    }

    /** Waits until the stream runs (it has joined its group and restored its stores); throws when it does not within {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isRunning()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("decision stream did not start within " + timeout + " (state " + state() + ")");
            }
            Thread.sleep(50);
        }
    }

    /** gateway.propose and gateway.outcome must both have the partitions the stream is set for: one chain per partition. */
    private void checkProposePartitions() {
        List<String> topics = List.of(Topics.PROPOSE.name(), Topics.OUTCOME.name());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            var described = admin.describeTopics(topics).allTopicNames().get();
            for (String topic : topics) {
                int found = described.get(topic).partitions().size();
                if (found != settings.proposePartitions()) {
                    throw new IllegalStateException(topic + " has " + found + " partitions; the decision stream is set for "
                            + settings.proposePartitions());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topics, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topics, e);
        }
    }

    public String signingKeyId() {
        return settings.chain().signingKey().keyId();
    }

    /** The key decide records are authenticated with: every edge of this gateway needs it. */
    public byte[] decisionKey() {
        return settings.decisionKey().clone();
    }

    public Duration commitInterval() {
        return settings.commitInterval();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The version label of the policy document this instance's global table holds now (the one
     * the next intent is decided against, if it loads), or empty while none has arrived.
     */
    public Optional<String> activePolicyVersion() {
        ReadOnlyKeyValueStore<String, byte[]> policies = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.ACTIVE_POLICY, QueryableStoreTypes.keyValueStore()));
        return Optional.ofNullable(policies.get(Topics.ACTIVE_POLICY_KEY))
                .map(record -> Topics.POLICY.valueSerde().deserializer().deserialize(Topics.POLICY.name(), record))
                .map(PolicyDocument::getVersion);
    }

    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** False once the stream has stopped or failed for good; starting, rebalancing and running are alive. */
    public boolean isAlive() {
        KafkaStreams.State state = streams.state();
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                && state != KafkaStreams.State.PENDING_SHUTDOWN && state != KafkaStreams.State.NOT_RUNNING;
    }

    /** Kafka Streams' own metrics (threads, tasks, commit rates, lag), for a registry to serve; closed by the caller. */
    public KafkaStreamsMetrics metrics() {
        return new KafkaStreamsMetrics(streams);
    }

    /** Records the stream gave up on since it started (each also on gateway.dead-letter). */
    public long deadLetterCount() {
        return deadLetters.count();
    }

    /** Leaves the consumer group on the way out, so a restarted instance does not wait for this one to time out. */
    @Override
    public void close() {
        streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
        deadLetters.close();
        policyStatuses.close();
    }
}
