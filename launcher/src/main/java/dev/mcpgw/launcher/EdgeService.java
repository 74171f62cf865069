package dev.mcpgw.launcher;

import static dev.mcpgw.launcher.GatewayConfig.ServerEntry;

import dev.mcpgw.edge.EdgeSettings;
import dev.mcpgw.edge.EdgeVerticle;
import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.identity.AgentCredential;
import dev.mcpgw.edge.mrtr.RequestStateKey;
import dev.mcpgw.review.ReviewSettings;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.stream.DecisionStreamApp;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One MCP edge from the gateway config, on a Vert.x of its own, against a Kafka cluster: for
 * {@code gateway up} and for {@code gateway edge}, which runs it alone. Its keys (the decision
 * key, the request-state and credential-label keys, the verdict key) are read from {@code keyDir},
 * which every edge and decision stream of one gateway shares.
 */
public final class EdgeService implements AutoCloseable {
    private final Vertx vertx;
    private final EdgeVerticle edge;
    private final String[] listen;
    private final String origin;
    private final Future<String> deployment;

    private EdgeService(Vertx vertx, EdgeVerticle edge, String[] listen, String origin, Future<String> deployment) {
        this.vertx = vertx;
        this.edge = edge;
        this.listen = listen;
        this.origin = origin;
        this.deployment = deployment;
    }

    public static EdgeService start(GatewayConfig config, String origin, String bootstrapServers, Path keyDir, OpenTelemetry telemetry)
            throws IOException, ConfigException {
        return deploy(config, origin, bootstrapServers, keyDir, telemetry, Map.of()).awaitStarted();
    }

    /**
     * Starts deploying the edge and returns at once, so that the caller can start other parts while
     * the edge connects and its tool servers start; {@link #awaitStarted} waits for it. The health
     * checks are in place before the edge listens, so /healthz never answers without them.
     */
    public static EdgeService deploy(GatewayConfig config, String origin, String bootstrapServers, Path keyDir, OpenTelemetry telemetry,
            Map<String, BooleanSupplier> healthChecks) throws IOException {
        String[] listen = (config.listen() == null ? "127.0.0.1:8080" : config.listen()).split(":");
        EdgeVerticle edge = new EdgeVerticle(settings(config, listen, bootstrapServers, keyDir), telemetry);
        healthChecks.forEach(edge::addHealthCheck);
        Vertx vertx = Vertx.vertx();
        return new EdgeService(vertx, edge, listen, origin, vertx.deployVerticle(edge));
    }

    /** Waits until the edge listens; a failed start is closed and said in one line when its port is taken. */
    public EdgeService awaitStarted() throws ConfigException {
        try {
            deployment.await();
        } catch (Exception e) {
            close();
            if (PortInUse.causes(e)) {
                throw PortInUse.listenAddress(origin, "listen", listen, e);
            }
            throw e;
        }
        return this;
    }

    private static EdgeSettings settings(GatewayConfig config, String[] listen, String bootstrapServers, Path keyDir) throws IOException {
        Duration decisionTimeout = Duration.ofMillis(config.decisionTimeoutMs() == null ? 5000 : config.decisionTimeoutMs());
        List<AgentCredential> agents = config.agents() == null ? List.of() : config.agents().stream()
                .map(a -> new AgentCredential(a.id(), a.apiKey(), a.groups(), a.attributes(), a.keyLabel())).toList();
        List<DownstreamSpec> servers = new ArrayList<>();
        (config.mcpServers() == null ? Map.<String, ServerEntry>of() : config.mcpServers()).forEach((name, s) -> servers.add(
                new DownstreamSpec(name, s.command(), s.args(), s.env(), s.url(), s.headers(),
                        s.toolPrefix() == null ? name : s.toolPrefix(), s.protocol(), s.trust(name), s.maxMessageBytes(name),
                        s.forwardMeta(name), s.clientRequests(name))));
        return new EdgeSettings(listen[0], Integer.parseInt(listen[1]), bootstrapServers, "edge-" + UUID.randomUUID(), config.decidePartition(),
                decisionTimeout, Duration.ofSeconds(60), 100, config.allowedOrigins(), agents, servers,
                RequestStateKey.loadOrCreate(keyDir.resolve(Gateway.REQUEST_STATE_KEY_FILE)),
                SecretKeyFile.loadOrCreate(keyDir.resolve(Gateway.CREDENTIAL_LABEL_KEY_FILE)),
                SecretKeyFile.loadOrCreate(DecisionStreamApp.Settings.decisionKeyFile(keyDir)), config.requestLimits(),
                config.agentCaps(), config.edgeTimeouts()).withOAuth(config.oauthSettings().orElse(null))
                // The edge seals the verdict of a calling client's user a rule lets it ask (askClientUser).
                .withVerdictKey(SecretKeyFile.loadOrCreate(keyDir.resolve(ReviewSettings.VERDICT_KEY_FILE)));
    }

    public EdgeVerticle edge() {
        return edge;
    }

    public String baseUrl() {
        return "http://" + listen[0] + ":" + edge.port();
    }

    public String mcpUrl() {
        return baseUrl() + EdgeVerticle.MCP_PATH;
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
