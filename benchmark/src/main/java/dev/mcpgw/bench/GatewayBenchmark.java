package dev.mcpgw.bench;

import dev.mcpgw.broker.EmbeddedKafkaBroker;
import dev.mcpgw.demo.DemoServer;
import dev.mcpgw.edge.EdgeSettings;
import dev.mcpgw.edge.EdgeVerticle;
import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.downstream.StdioDownstream;
import dev.mcpgw.edge.identity.AgentCredential;
import dev.mcpgw.edge.mrtr.RequestStateKey;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.stream.DecisionStreamApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One run, one machine: the demo server's {@code echo} tool called (a) directly over stdio with
 * the edge's own stdio client, and (b) through the gateway (HTTP to the edge, propose, exactly-once
 * decision, decide, forward over stdio), N calls one at a time and N calls C at a time; and, as the
 * floors on the same broker, the bare Kafka produce-to-consume round trip and an exactly-once Kafka
 * Streams pass-through that commits each record; and the edge's own wait for its decisions during
 * the gateway's sequential row, from its /metrics. Prints a table and ratios.
 * <p>
 * Usage: {@code benchmark/run [calls] [concurrency] [warmup] [commitMs]} (defaults 2000 16 500, and the
 * decision stream's default commit interval).
 */
public final class GatewayBenchmark {
    private static final String KEY = "bench-key";
    private static final JsonObject ECHO = new JsonObject().put("name", "echo").put("arguments", new JsonObject().put("text", "x".repeat(64)));
    private static final JsonObject GATEWAY_ECHO = ECHO.copy().put("name", "demo__echo");
    /** The benchmark policy allows only echo: add is decided DENY and never reaches the tool server. */
    private static final JsonObject GATEWAY_DENIED = new JsonObject().put("name", "demo__add")
            .put("arguments", new JsonObject().put("a", 1).put("b", 2));

    private static final String KAFKA_FLOOR = "kafka produce->consume (floor)";
    private static final String EXACTLY_ONCE_FLOOR = "exactly-once pass-through (floor)";
    private static final String DECISION_SEQUENTIAL = "decision only, sequential";
    private static final String DIRECT_SEQUENTIAL = "direct, sequential";
    private static final String GATEWAY_SEQUENTIAL = "gateway, sequential";
    private static final String DIRECT_CONCURRENT = "direct, concurrent";
    private static final String GATEWAY_CONCURRENT = "gateway, concurrent";
    private static final String DENIED_CONCURRENT = "gateway denied, concurrent";
    private static final String STATELESS_SEQUENTIAL = "gateway 2026, sequential";
    private static final String STATELESS_CONCURRENT = "gateway 2026, concurrent";

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Duration commit = args.length > 3 ? Duration.ofMillis(Long.parseLong(args[3])) : null;
        Path dir = Files.createTempDirectory("mcpgw-bench");
        List<LatencyRun.Result> results = new ArrayList<>();
        OptionalDouble edgeDecisionWait;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.temporary().start();
             DecisionStreamApp stream = startStream(broker.bootstrapServers(), dir, commit)) {
            Vertx vertx = Vertx.vertx();
            try (DirectClient direct = startDirect(vertx)) {
                var edge = new EdgeVerticle(edgeSettings(broker.bootstrapServers(), stream.decisionKey()));
                vertx.deployVerticle(edge).await();
                String endpoint = "http://127.0.0.1:" + edge.port() + EdgeVerticle.MCP_PATH;
                var gateway = GatewayHttpClient.inSession(endpoint, KEY);
                gateway.initialize();
                var stateless = GatewayHttpClient.stateless(endpoint, KEY);
                Supplier<CompletableFuture<Boolean>> statelessCall = () -> stateless.call(GATEWAY_ECHO);
                Supplier<CompletableFuture<Boolean>> directCall = () -> direct.call(ECHO);
                Supplier<CompletableFuture<Boolean>> gatewayCall = () -> gateway.call(GATEWAY_ECHO);
                try (KafkaRoundTrip floor = new KafkaRoundTrip(broker.bootstrapServers());
                     ExactlyOnceRoundTrip exactlyOnce = new ExactlyOnceRoundTrip(broker.bootstrapServers(), dir.resolve("floor"));
                     DecisionRoundTrip decision = new DecisionRoundTrip(broker.bootstrapServers())) {
                    LatencyRun.warmUp(directCall, warmup);
                    LatencyRun.warmUp(gatewayCall, warmup);
                    LatencyRun.warmUp(statelessCall, warmup);
                    LatencyRun.warmUp(floor::roundTrip, warmup);
                    LatencyRun.warmUp(exactlyOnce::roundTrip, warmup);
                    LatencyRun.warmUp(decision::roundTrip, warmup);
                    results.add(LatencyRun.run(KAFKA_FLOOR, floor::roundTrip, calls, 1));
                    results.add(LatencyRun.run(EXACTLY_ONCE_FLOOR, exactlyOnce::roundTrip, calls, 1));
                    results.add(LatencyRun.run(DECISION_SEQUENTIAL, decision::roundTrip, calls, 1));
                    results.add(LatencyRun.run("decision only, concurrent", decision::roundTrip, calls, concurrency));
                }
                results.add(LatencyRun.run(DIRECT_SEQUENTIAL, directCall, calls, 1));
                String metrics = "http://127.0.0.1:" + edge.port() + "/metrics";
                EdgeDecisionWaits.Reading beforeSequential = EdgeDecisionWaits.read(metrics);
                results.add(LatencyRun.run(GATEWAY_SEQUENTIAL, gatewayCall, calls, 1));
                edgeDecisionWait = EdgeDecisionWaits.medianMs(beforeSequential, EdgeDecisionWaits.read(metrics));
                results.add(LatencyRun.run(DIRECT_CONCURRENT, directCall, calls, concurrency));
                results.add(LatencyRun.run(GATEWAY_CONCURRENT, gatewayCall, calls, concurrency));
                results.add(LatencyRun.run(DENIED_CONCURRENT, () -> gateway.refusedCall(GATEWAY_DENIED), calls, concurrency));
                results.add(LatencyRun.run(STATELESS_SEQUENTIAL, statelessCall, calls, 1));
                results.add(LatencyRun.run(STATELESS_CONCURRENT, statelessCall, calls, concurrency));
            } finally {
                vertx.close().await();
            }
        }
        print(results, edgeDecisionWait);
        System.exit(0);
    }

    private static DecisionStreamApp startStream(String bootstrap, Path dir, Duration commit) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicProvisioner(admin).ensure(Topics.ALL);
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.POLICY.keySerde().serializer(), Topics.POLICY.valueSerde().serializer())) {
            String policy = "default: deny\nrules: [{id: bench, effect: allow, servers: [demo], tools: [echo]}]\n";
            producer.send(new ProducerRecord<>(Topics.POLICY.name(), Topics.ACTIVE_POLICY_KEY, new PolicyDocument("bench", policy, 0L))).get();
        }
        var defaults = DecisionStreamApp.Settings.defaults(bootstrap, dir.resolve("streams"));
        DecisionStreamApp stream = new DecisionStreamApp(commit == null ? defaults : defaults.withCommitInterval(commit));
        System.out.printf("decision stream commit interval = poll = %d ms%n", stream.commitInterval().toMillis());
        stream.start();
        while (!stream.isRunning()) {
            Thread.sleep(50);
        }
        return stream;
    }

    private static DirectClient startDirect(Vertx vertx) {
        var context = vertx.getOrCreateContext();
        var client = new StdioDownstream(demoServer(), context, Duration.ofSeconds(30));
        CompletableFuture<Void> started = new CompletableFuture<>();
        context.runOnContext(v -> client.start().onSuccess(r -> started.complete(null)).onFailure(started::completeExceptionally));
        started.join();
        return new DirectClient(client, context);
    }

    private static EdgeSettings edgeSettings(String bootstrap, byte[] decisionKey) {
        return new EdgeSettings("127.0.0.1", 0, bootstrap, "bench-" + UUID.randomUUID(), 0, Duration.ofSeconds(10),
                Duration.ofSeconds(30), 1024 * 1024, 100, List.of(),
                List.of(new AgentCredential("bench-agent", KEY, List.of())), List.of(demoServer()), RequestStateKey.random(),
                decisionKey);
    }

    private static DownstreamSpec demoServer() {
        return new DownstreamSpec("demo", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("-Xmx128m", "-cp", System.getProperty("java.class.path"), DemoServer.class.getName()),
                Map.of(), null, null, "demo");
    }

    private static void print(List<LatencyRun.Result> results, OptionalDouble edgeDecisionWait) {
        System.out.printf("%n%-32s %7s %5s %9s %9s %10s %8s%n", "path", "calls", "conc", "p50 ms", "p99 ms", "calls/s", "failed");
        for (LatencyRun.Result r : results) {
            System.out.printf("%-32s %7d %5d %9.2f %9.2f %10.0f %8d%s%n", r.name(), r.calls(), r.concurrency(), r.p50Ms(), r.p99Ms(),
                    r.callsPerSecond(), r.failures(), r.aborted() ? "  ABORTED: the peer stopped answering" : "");
        }
        Map<String, LatencyRun.Result> row = results.stream().collect(Collectors.toMap(LatencyRun.Result::name, r -> r));
        LatencyRun.Result floor = row.get(KAFKA_FLOOR);
        LatencyRun.Result exactlyOnce = row.get(EXACTLY_ONCE_FLOOR);
        LatencyRun.Result decision = row.get(DECISION_SEQUENTIAL);
        LatencyRun.Result directSeq = row.get(DIRECT_SEQUENTIAL);
        LatencyRun.Result gatewaySeq = row.get(GATEWAY_SEQUENTIAL);
        LatencyRun.Result gatewayConc = row.get(GATEWAY_CONCURRENT);
        System.out.printf("%nratios (same run):%n");
        System.out.printf("  gateway/direct p50, sequential:       %.1fx (+%.2f ms)%n", gatewaySeq.p50Ms() / directSeq.p50Ms(), gatewaySeq.p50Ms() - directSeq.p50Ms());
        System.out.printf("  gateway overhead p50 / kafka floor:   %.1fx%n", (gatewaySeq.p50Ms() - directSeq.p50Ms()) / floor.p50Ms());
        System.out.printf("  decision-only p50 / kafka floor:      %.1fx%n", decision.p50Ms() / floor.p50Ms());
        System.out.printf("  decision-only p50 / exactly-once floor: %.2fx (+%.2f ms)%n", decision.p50Ms() / exactlyOnce.p50Ms(),
                decision.p50Ms() - exactlyOnce.p50Ms());
        System.out.printf("  the edge's decision wait p50 in gateway, sequential: %s (decision only %.2f, exactly-once floor %.2f)%n",
                edgeDecisionWait.isPresent() ? String.format("%.2f ms", edgeDecisionWait.getAsDouble()) : "not read", decision.p50Ms(),
                exactlyOnce.p50Ms());
        System.out.printf("  gateway/direct calls/s, concurrent:   %.2f%n", gatewayConc.callsPerSecond() / row.get(DIRECT_CONCURRENT).callsPerSecond());
        System.out.printf("  denied/allowed calls/s, concurrent:   %.2f%n", row.get(DENIED_CONCURRENT).callsPerSecond() / gatewayConc.callsPerSecond());
        System.out.printf("  2026/session p50, sequential:         %.2f%n", row.get(STATELESS_SEQUENTIAL).p50Ms() / gatewaySeq.p50Ms());
        System.out.printf("  2026/session calls/s, concurrent:     %.2f%n", row.get(STATELESS_CONCURRENT).callsPerSecond() / gatewayConc.callsPerSecond());
    }
}
