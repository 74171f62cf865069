package dev.mcpgw.edge;

import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.identity.AgentCredential;
import dev.mcpgw.edge.identity.OAuthSettings;
import dev.mcpgw.edge.limits.AgentCaps;
import dev.mcpgw.edge.limits.RequestLimits;
import dev.mcpgw.edge.mrtr.RequestStateKey;
import dev.mcpgw.edge.task.TaskSeal;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.DecisionAuthenticator;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.stream.DecisionStreamApp;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TemporaryDirectory;
import dev.mcpgw.testsupport.ToolPinsReset;
import dev.mcpgw.testsupport.TopicIO;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A running edge in front of the demo server, on the shared broker, optionally with the decision
 * stream. Agents: alice (key {@link #ALICE_KEY}, group demo) and bob (key {@link #BOB_KEY}, group demo).
 */
final class EdgeFixture implements AutoCloseable {
    static final String ALICE_KEY = "alice-test-key";
    static final String BOB_KEY = "bob-test-key";
    /** The defaults, but a body limit small enough for a test to pass it cheaply. */
    static final RequestLimits LIMITS = RequestLimits.DEFAULTS.withMaxBodyBytes(64 * 1024);
    static final String POLICY = """
            version: edge-tests
            default: deny
            rules:
              - id: demo-tools
                effect: allow
                servers: [demo, stdio-2025, stdio-2026, http-2025, http-2026]
                tools: [echo, add, count_slowly, wait_for_cancel, ask_name, grow, "grown_*", trace, post, end_listens, test_tool_with_logging]
              - id: dual-era-tests
                effect: allow
                servers: [dual]
                tools: [echo, post, which_era, only_session, only_2026, take_down_era]
              - id: params-tests
                effect: allow
                servers: [plain, open]
                tools: [called_with, claims_a_decision, ask_name]
              - id: pinning-tests
                effect: allow
                servers: ["pin-*"]
                tools: [echo, redescribe_echo, injected, tagged, bidi, numeric]
              - id: no-deletes
                effect: deny
                description: deletions are never automated
                tools: ["delete_*"]
              - id: demo-prompts
                effect: allow
                prompts: [greeting]
              - id: demo-resources
                effect: allow
                resources: ["demo://*"]
              - id: docs-files
                effect: allow
                resources: ["file:*"]
                arguments:
                  uri: {pathPrefix: [/srv/docs]}
              - id: nobody-greets-mallory
                effect: deny
                description: Mallory gets no greeting
                prompts: [greeting]
                arguments:
                  who: {enum: [Mallory]}
              - id: no-secret-notes
                effect: deny
                description: secret notes stay with the server
                resources: ["demo://*/notes/secret*"]
            """;

    /** How long an edge waits for a downstream's answer unless a test asks for less. */
    private static final Duration DOWNSTREAM_TIMEOUT = Duration.ofSeconds(30);

    private final TemporaryDirectory dir = TemporaryDirectory.create("edge-fixture");
    final Path callLog;
    /** One key for every instance, as a deployment shares it, so that any instance opens what another sealed. */
    private final byte[] requestStateKey = RequestStateKey.random();
    /** Shared by every instance too, so that a key has one label whichever instance the call reaches. */
    final byte[] credentialLabelKey = SecretKeyFile.random();
    /** The decision stream's key for authenticating decide records, which every edge instance is given. */
    private final byte[] decisionKey;
    private final Vertx vertx = Vertx.vertx();
    private final Map<EdgeVerticle, String> deployments = new ConcurrentHashMap<>();
    private final Path streamState;
    private DecisionStreamApp stream;
    private final Duration decisionTimeout;
    private final Duration downstreamTimeout;
    private final Function<Path, List<DownstreamSpec>> downstreams;
    private final RequestLimits limits;
    private final AgentCaps caps;
    private final OAuthSettings oauth;
    private final OpenTelemetry telemetry;
    private final EdgeVerticle edge;

    /** The demo server over stdio, logging its calls to the given file. */
    static DownstreamSpec stdioDemo(Path callLog) {
        McpPeers.StdioCommand demo = McpPeers.demoServer(callLog);
        return new DownstreamSpec("demo", demo.command(), demo.args(), demo.env(), null, null, "demo");
    }

    private EdgeFixture(boolean withDecisionStream, Duration decisionTimeout, Function<Path, List<DownstreamSpec>> downstreams,
                        RequestLimits limits, AgentCaps caps) {
        this(withDecisionStream, decisionTimeout, DOWNSTREAM_TIMEOUT, downstreams, limits, caps, 0, null, OpenTelemetry.noop());
    }

    private EdgeFixture(boolean withDecisionStream, Duration decisionTimeout, Duration downstreamTimeout,
                        Function<Path, List<DownstreamSpec>> downstreams, RequestLimits limits, AgentCaps caps, int port,
                        OAuthSettings oauth, OpenTelemetry telemetry) {
        this.telemetry = telemetry;
        try {
            callLog = dir.path().resolve("calls.log");
            streamState = dir.path().resolve("streams");
            decisionKey = SecretKeyFile.loadOrCreate(DecisionStreamApp.Settings.decisionKeyFile(streamState));
            stream = withDecisionStream ? startStream(streamState, telemetry) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.decisionTimeout = decisionTimeout;
        this.downstreamTimeout = downstreamTimeout;
        this.downstreams = downstreams;
        this.limits = limits;
        this.caps = caps;
        this.oauth = oauth;
        ToolPinsReset.forgetAll();
        edge = deployEdge(1, port);
    }

    /** Another edge instance in front of the same kind of downstream, reading its own decide partition. */
    EdgeVerticle deployEdge(int decidePartition) {
        return deployEdge(decidePartition, 0);
    }

    private EdgeVerticle deployEdge(int decidePartition, int port) {
        EdgeVerticle another = new EdgeVerticle(new EdgeSettings("127.0.0.1", port, SharedKafka.bootstrapServers(),
                "edge-" + UUID.randomUUID(), decidePartition, decisionTimeout, downstreamTimeout, 100, List.of(),
                List.of(new AgentCredential("alice", ALICE_KEY, List.of("demo"), Map.of("team", "platform")),
                        new AgentCredential("bob", BOB_KEY, List.of("demo"), Map.of("team", "platform"))),
                downstreams.apply(callLog), requestStateKey, credentialLabelKey, decisionKey, limits, caps, EdgeSettings.Timeouts.DEFAULTS)
                .withOAuth(oauth).withVerdictKey(verdictKey()), telemetry);
        deployments.put(another, vertx.deployVerticle(another).await());
        return another;
    }

    /** Stops an edge instance this fixture deployed, as a shut-down instance stops. */
    void stopEdge(EdgeVerticle instance) {
        vertx.undeploy(deployments.remove(instance)).await();
    }

    static EdgeFixture withDecisionStream() {
        return withDecisionStream(EdgeFixture::stdioDemo);
    }

    /** With the decision stream, in front of the downstream the function builds for a call log. */
    static EdgeFixture withDecisionStream(Function<Path, DownstreamSpec> downstream) {
        return withDecisionStreamFronting(log -> List.of(downstream.apply(log)));
    }

    /** With the decision stream, in front of several downstreams sharing one call log. */
    static EdgeFixture withDecisionStreamFronting(Function<Path, List<DownstreamSpec>> downstreams) {
        return withDecisionStreamFronting(DOWNSTREAM_TIMEOUT, downstreams);
    }

    /** As above, waiting at most {@code downstreamTimeout} for a downstream's answer (a ping's included). */
    static EdgeFixture withDecisionStreamFronting(Duration downstreamTimeout, Function<Path, List<DownstreamSpec>> downstreams) {
        return new EdgeFixture(true, Duration.ofSeconds(15), downstreamTimeout, downstreams, LIMITS, AgentCaps.DEFAULTS, 0, null,
                OpenTelemetry.noop());
    }

    /** With the decision stream, in front of the demo server over stdio, holding messages to {@code limits} and agents to {@code caps}. */
    static EdgeFixture withDecisionStream(RequestLimits limits, AgentCaps caps) {
        return new EdgeFixture(true, Duration.ofSeconds(15), log -> List.of(stdioDemo(log)), limits, caps);
    }

    /**
     * With the decision stream, in front of the demo server over stdio, on {@code port} (the
     * resource URI names it), agents also authenticating with the access tokens {@code oauth} describes.
     */
    static EdgeFixture withDecisionStreamAndOAuth(int port, OAuthSettings oauth) {
        return new EdgeFixture(true, Duration.ofSeconds(15), DOWNSTREAM_TIMEOUT, log -> List.of(stdioDemo(log)), LIMITS,
                AgentCaps.DEFAULTS, port, oauth, OpenTelemetry.noop());
    }

    /** With the decision stream, in front of the downstreams the function builds, the edge and the stream traced with {@code telemetry}. */
    static EdgeFixture withDecisionStreamTracedBy(OpenTelemetry telemetry, Function<Path, List<DownstreamSpec>> downstreams) {
        return new EdgeFixture(true, Duration.ofSeconds(15), DOWNSTREAM_TIMEOUT, downstreams, LIMITS, AgentCaps.DEFAULTS, 0, null, telemetry);
    }

    static EdgeFixture withoutDecisionStream(Duration decisionTimeout) {
        return withoutDecisionStream(decisionTimeout, AgentCaps.DEFAULTS);
    }

    static EdgeFixture withoutDecisionStream(Duration decisionTimeout, AgentCaps caps) {
        return new EdgeFixture(false, decisionTimeout, log -> List.of(stdioDemo(log)), LIMITS, caps);
    }

    private static DecisionStreamApp startStream(Path stateDir, OpenTelemetry telemetry) {
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("edge-tests", POLICY, 0L), 0L);
        return runStream(stateDir, telemetry);
    }

    private static DecisionStreamApp runStream(Path stateDir, OpenTelemetry telemetry) {
        DecisionStreamApp app = new DecisionStreamApp(DecisionStreamApp.Settings.defaults(SharedKafka.bootstrapServers(), stateDir), telemetry);
        app.start();
        await().atMost(Duration.ofSeconds(60)).until(app::isRunning);
        return app;
    }

    /** Stops the decision stream and starts it again on the same state directory, with the policy in force. */
    void restartDecisionStream() {
        stream.close();
        stream = runStream(streamState, telemetry);
    }

    /** Seals review verdicts as this gateway's review service does, with the key the decision stream verifies them by. */
    VerdictAuthenticator verdictAuthenticator() {
        return new VerdictAuthenticator(verdictKey());
    }

    /** The decision stream's verdict key, which the review service and the edge share. */
    private byte[] verdictKey() {
        try {
            return SecretKeyFile.loadOrCreate(VerdictAuthenticator.keyFile(streamState));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seals gateway.tasks records as every edge instance of this gateway does. */
    TaskSeal taskSeal() {
        return new TaskSeal(requestStateKey);
    }

        /** Authenticates decide records as this gateway's decision stream does. */
    DecisionAuthenticator decisionAuthenticator() {
        return new DecisionAuthenticator(decisionKey);
    }

    EdgeVerticle edge() {
        return edge;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + edge.port();
    }

    String mcpUrl() {
        return baseUrl() + EdgeVerticle.MCP_PATH;
    }

    List<String> callsReceived() {
        return McpPeers.callsReceived(callLog);
    }

    @Override
    public void close() {
        vertx.close().await();
        if (stream != null) {
            stream.close();
        }
        dir.close();
    }
}
