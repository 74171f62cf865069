package dev.mcpgw.launcher;

import dev.mcpgw.broker.EmbeddedKafkaBroker;
import dev.mcpgw.chain.LocalSeals;
import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.edge.EdgeVerticle;
import dev.mcpgw.edge.mcp.GatewayImplementation;
import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.SchemaTopic;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.review.ReviewService;
import dev.mcpgw.review.ReviewSettings;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.sink.ReceiptSink;
import dev.mcpgw.sink.SinkSettings;
import dev.mcpgw.sink.siem.OcsfOutput;
import dev.mcpgw.stream.DecisionStreamApp;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The whole gateway on one machine: Kafka (embedded unless bootstrap servers are configured), the
 * topics, the active policy, the decision stream, the receipt sink, the review queue and the edge.
 * Started in that order, the edge alongside the three before it, and closed in the reverse one.
 */
public final class Gateway implements AutoCloseable {
    private static final Duration STREAM_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);
    /**
     * The seals of the last receipts the stream made, which the sink of this process then need not
     * verify again (two signature checks a call): tens of seconds of receipts under load, a few MB.
     */
    private static final int LOCAL_SEALS = 20_000;

    private final StartedParts started = new StartedParts();
    private String bootstrapServers;
    private Policy policy;
    private EdgeVerticle edge;
    private String baseUrl;
    /** Seals the 2026-07-28 request states the edge relays; beside the receipt signing key. */
    static final String REQUEST_STATE_KEY_FILE = "request-state.key";
    static final String CREDENTIAL_LABEL_KEY_FILE = "credential-label.key";
    private Path stateDir;
    private Path receiptArchive;
    /** Read by /healthz on the edge's event loop while they start here. */
    private volatile ReceiptSink sink;
    private volatile DecisionStreamApp stream;
    private int decisionPartitions;
    private final LocalSeals localSeals = new LocalSeals(LOCAL_SEALS);
    private DeadLetters deadLetters;
    private volatile ReviewService review;
    private GatewayTelemetry telemetry;

    private Gateway() {
    }

    public static Gateway start(ConfigLoader.Loaded loaded) throws Exception {
        Gateway gateway = new Gateway();
        try {
            gateway.startAll(loaded);
            return gateway;
        } catch (Exception e) {
            gateway.close();
            throw e;
        }
    }

    private void startAll(ConfigLoader.Loaded loaded) throws Exception {
        GatewayConfig config = loaded.config();
        // Started first, so closed last: the spans of the parts stopping before it are flushed.
        telemetry = GatewayTelemetry.start(config.otlpEndpoint(), System.getenv());
        started.add(telemetry);
        decisionPartitions = config.decisionPartitions() == null ? Topics.PROPOSE_PARTITIONS : config.decisionPartitions();
        bootstrapServers = kafka(config.kafka(), loaded.origin());
        provisionTopics(loaded.origin());
        policy = new PolicyPublisher(bootstrapServers, new PolicyLoader(decisionPartitions == 1), Clock.systemUTC()).publish(loaded.policySource());
        stateDir = config.stateDirectory();
        // The edge needs only the topics and the policy: it connects and starts its tool servers
        // (which take seconds) while the stream, the sink and the review service start here.
        // /healthz answers 503 until each of them runs.
        EdgeService deploying = EdgeService.deploy(config, loaded.origin(), bootstrapServers, stateDir, telemetry.openTelemetry(),
                partsHealth(config.review() != null));
        try {
            startDecisionStream(stateDir);
            receiptArchive = Path.of(config.receiptArchive() == null ? "data/receipts" : config.receiptArchive());
            sink = new ReceiptSink(sinkSettings(config)).start();
            started.add(sink);
            deadLetters = new DeadLetters(bootstrapServers);
            started.add(deadLetters);
            startReview(config.review(), loaded.origin());
            deploying.awaitStarted();
        } catch (Exception | Error e) {
            deploying.close();
            throw e;
        }
        // Added last, so closed first: the edge stops taking calls before the parts that decide them stop.
        started.add(deploying);
        edge = deploying.edge();
        baseUrl = deploying.baseUrl();
        edge.metrics().gauge("mcpgw.dead.letters.stream", "Records the decision stream gave up on (reported on gateway.dead-letter)",
                stream::deadLetterCount);
        edge.metrics().gauge("mcpgw.receipts.verified", "Receipts the sink has verified since it started", sink::verifiedCount);
        edge.metrics().gauge("mcpgw.receipts.archived", "Receipts the sink has archived since it started", sink::archivedCount);
        edge.metrics().gauge("mcpgw.receipt.chain.intact", "1 while every verified receipt holds, 0 once the sink found a break",
                () -> sink.firstBreak().isEmpty() ? 1 : 0);
        // The stream joined its group and restored its stores while the parts above started: neither
        // waits on the other, and until the stream runs /healthz says so and a call waits for its decision.
        stream.awaitRunning(STREAM_START_TIMEOUT);
        // The stream's own meters (kafka_stream_*: commits, records processed), as `gateway stream` serves
        // them; bound once it runs, since its threads' meters exist only then.
        KafkaStreamsMetrics streamMetrics = stream.metrics();
        started.add(streamMetrics);
        edge.metrics().bind(streamMetrics);
    }

    /** The parts /healthz checks beside the edge's own; each is unhealthy until it has started and while it does not run. */
    private Map<String, BooleanSupplier> partsHealth(boolean withReview) {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("decision-stream", () -> stream != null && stream.isRunning());
        checks.put("receipt-sink", () -> sink != null && sink.isRunning());
        if (withReview) {
            checks.put("review-service", () -> review != null && review.isRunning());
        }
        return checks;
    }

    private SinkSettings sinkSettings(GatewayConfig config) {
        SinkSettings settings = SinkSettings.defaults(bootstrapServers, receiptArchive).withLocalSeals(localSeals);
        GatewayConfig.Siem siem = config.siem();
        if (siem == null || (siem.ocsfTopic() == null && siem.ocsfFile() == null)) {
            return settings;
        }
        return settings.withOcsf(new OcsfOutput(siem.ocsfTopic(), siem.ocsfFile() == null ? null : Path.of(siem.ocsfFile()),
                GatewayImplementation.info().getString("version")));
    }

    private String kafka(GatewayConfig.Kafka kafka, String origin) throws ConfigException {
        if (kafka != null && kafka.bootstrapServers() != null && !kafka.bootstrapServers().isBlank()) {
            return kafka.bootstrapServers();
        }
        GatewayConfig.Embedded embedded = kafka == null || kafka.embedded() == null ? new GatewayConfig.Embedded(null, null) : kafka.embedded();
        int port = embedded.port() == null ? 0 : embedded.port();
        // Checked before the broker starts: a broker that fails to bind may not give up cleanly.
        if (port != 0 && PortInUse.at("127.0.0.1", port)) {
            throw new ConfigException(origin + ": kafka.embedded.port " + port + " is in use: stop what holds it, or set another port");
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.persistent(Path.of(embedded.dataDir() == null ? "data/kafka" : embedded.dataDir()), port);
        started.add(broker);
        return broker.start().bootstrapServers();
    }

    /** Creates the topics; a Kafka that cannot be reached is said in one line, within {@link #KAFKA_TIMEOUT}. */
    private void provisionTopics(String origin) throws ConfigException {
        int timeout = (int) KAFKA_TIMEOUT.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout))) {
            new TopicProvisioner(admin).ensure(Topics.all(decisionPartitions));
            // Before any record is written: records already in data/ carry only their schema's fingerprint.
            SchemaTopic.publishAndFollow(bootstrapServers);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new ConfigException(origin + ": kafka.bootstrapServers: cannot reach Kafka at " + bootstrapServers + " within "
                        + KAFKA_TIMEOUT.toSeconds() + " s: start it, correct the address, or leave it empty for the embedded broker", e);
            }
            throw e;
        }
    }

    private void startDecisionStream(Path stateDir) {
        DecisionStreamApp.Settings settings = DecisionStreamApp.Settings.defaults(bootstrapServers, stateDir)
                .withProposePartitions(decisionPartitions);
        stream = new DecisionStreamApp(settings.withChain(settings.chain().withLocalSeals(localSeals)), telemetry.openTelemetry());
        started.add(stream);
        stream.start();
    }

    /** The approvers' page and API, when the config has a review section; verdicts are sealed with a key the decision stream shares. */
    private void startReview(GatewayConfig.Review settings, String origin) throws IOException, ConfigException {
        if (settings == null) {
            return;
        }
        String[] listen = settings.hostAndPort();
        try {
            review = ReviewService.start(new ReviewSettings(listen[0], Integer.parseInt(listen[1]), bootstrapServers, settings.approverDirectory(),
                    SecretKeyFile.loadOrCreate(stateDir.resolve(ReviewSettings.VERDICT_KEY_FILE)), Boolean.TRUE.equals(settings.secureCookies())),
                    deadLetters);
        } catch (Exception e) {
            if (PortInUse.causes(e)) {
                throw PortInUse.listenAddress(origin, "review.listen", listen, e);
            }
            throw e;
        }
        started.add(review);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String mcpUrl() {
        return baseUrl() + EdgeVerticle.MCP_PATH;
    }

    public String healthUrl() {
        return baseUrl() + "/healthz";
    }

    /** The approvers' review page, when the config has a review section. */
    public Optional<String> reviewUrl() {
        return Optional.ofNullable(review).map(ReviewService::url);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The public half of the key receipts are signed with (also on topic gateway.receipt-keys). */
    public Path receiptPublicKey() {
        return SigningKey.publicKeyFile(DecisionStreamApp.Settings.signingKeyFile(stateDir));
    }

    /** The directory the receipt sink archives to. */
    public Path receiptArchive() {
        return receiptArchive;
    }

    public ReceiptSink receiptSink() {
        return sink;
    }

    public Policy policy() {
        return policy;
    }

    @Override
    public void close() {
        started.close();
    }
}
