package dev.mcpgw.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.broker.EmbeddedKafkaBroker;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.PolicyEngine;
import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.ratelimit.RateCounts;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.stream.DecisionStreamApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The policy engine's cost: evaluations per second on one thread for a generated 200-rule policy,
 * with and without scanning rules (every detector over every argument), and decisions per second
 * through the whole topology on an embedded broker with the scanning policy active.
 * <p>
 * Usage: {@code benchmark/run policy [evaluations] [decisions] [concurrency] [warmup]} (defaults 200000 60000 256 80000).
 * The topology is warmed with {@code warmup} decisions at the same concurrency before it is timed:
 * on two cores the JIT compiler takes most of a core for the first 30 seconds or so of load, and
 * a run timed from a cold start measures the compiler as much as the topology.
 */
public final class PolicyBenchmark {
    private static final int RULES = 200;

    private PolicyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int evaluations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int decisions = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 80_000;
        List<ToolIntent> intents = intents(PolicyCorpus.calls(2_000));

        double plain = evaluationsPerSecond(new PolicyLoader().load(PolicyCorpus.policy(RULES, false)), intents, evaluations);
        double scanning = evaluationsPerSecond(new PolicyLoader().load(PolicyCorpus.policy(RULES, true)), intents, evaluations);
        LatencyRun.Result topology = throughTopology(decisions, concurrency, warmup);

        System.out.printf("%n%-52s %12s%n", "policy engine, " + RULES + " rules, one thread", "evals/s");
        System.out.printf("%-52s %12.0f  (%.1f us each)%n", "  without scanning", plain, 1e6 / plain);
        System.out.printf("%-52s %12.0f  (%.1f us each)%n", "  with scanning (5 detectors, every argument)", scanning, 1e6 / scanning);
        System.out.printf("%-52s %12.2f%n", "  scanning / plain", scanning / plain);
        System.out.printf("%n%-52s %12s %9s %9s%n", "whole topology, embedded broker, scanning policy", "decisions/s", "p50 ms", "p99 ms");
        System.out.printf("%-52s %12.0f %9.2f %9.2f%n", "  " + topology.calls() + " intents, " + topology.concurrency() + " in flight, after "
                + warmup + " to warm up", topology.callsPerSecond(), topology.p50Ms(), topology.p99Ms());
        System.exit(0);
    }

    private static double evaluationsPerSecond(Policy policy, List<ToolIntent> intents, int evaluations) {
        PolicyEngine engine = new PolicyEngine();
        Map<Effect, Integer> effects = new EnumMap<>(Effect.class);
        for (int i = 0; i < evaluations / 4; i++) {
            engine.decide(intents.get(i % intents.size()), policy, RateCounts.NONE);
        }
        long start = System.nanoTime();
        for (int i = 0; i < evaluations; i++) {
            Decision decision = engine.decide(intents.get(i % intents.size()), policy, RateCounts.NONE);
            effects.merge(decision.effect(), 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: effects %s%n", policy.label(), effects);
        return evaluations / seconds;
    }

    private static List<ToolIntent> intents(List<PolicyCorpus.Call> calls) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Instant monday = Instant.parse("2026-11-23T10:00:00Z");
        return calls.stream().map(c -> {
            try {
                return new ToolIntent(c.agent(), Set.of(), Map.of("team", "platform"), "srv", c.tool(),
                        json.readTree(c.argumentsJson()), monday, Map.of("sourceIp", "10.0.0.1"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static LatencyRun.Result throughTopology(int decisions, int concurrency, int warmup) throws Exception {
        Path dir = Files.createTempDirectory("mcpgw-policy-bench");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.temporary().start()) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                new TopicProvisioner(admin).ensure(Topics.ALL);
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    Topics.POLICY.keySerde().serializer(), Topics.POLICY.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(Topics.POLICY.name(), Topics.ACTIVE_POLICY_KEY,
                        new PolicyDocument("bench-200", PolicyCorpus.policy(RULES, true), 0L))).get();
            }
            try (DecisionStreamApp stream = new DecisionStreamApp(DecisionStreamApp.Settings.defaults(bootstrap, dir.resolve("streams")));
                 DecisionRoundTrip roundTrip = new DecisionRoundTrip(bootstrap)) {
                stream.start();
                while (!stream.isRunning()) {
                    Thread.sleep(50);
                }
                List<PolicyCorpus.Call> calls = PolicyCorpus.calls(decisions);
                AtomicInteger next = new AtomicInteger();
                Supplier<CompletableFuture<Boolean>> decide = () -> {
                    PolicyCorpus.Call call = calls.get(next.getAndIncrement() % calls.size());
                    return roundTrip.roundTrip(call.agent(), "srv", call.tool(), call.argumentsJson(), Map.of("team", "platform"));
                };
                if (warmup > 0) {
                    LatencyRun.Result warm = LatencyRun.run("topology warm-up", decide, warmup, concurrency);
                    System.out.printf("warm-up: %d decisions at %.0f/s%n", warm.calls(), warm.callsPerSecond());
                }
                return LatencyRun.run("topology", decide, decisions, concurrency);
            }
        }
    }
}
