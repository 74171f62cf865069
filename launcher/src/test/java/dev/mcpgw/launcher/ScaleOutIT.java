package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.cli.GatewayCommand;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Scale-out on one cluster: two MCP edges (each reading its own decide partition, from its config)
 * and two decision-stream processes ({@code gateway stream}, sharing the partitions of
 * gateway.propose) serve calls from agents spread over both edges. One stream process is killed
 * with SIGKILL under load: its partitions move to the other, and still every call has exactly one
 * decision and one decision receipt, is forwarded once if allowed and never if denied, and every
 * chain verifies.
 */
class ScaleOutIT {
    private static final Path LOGS = Path.of("target");
    /** Two agents on each partition of gateway.propose, so that every chain is worked on both before and after the kill. */
    private static final int AGENTS_PER_PARTITION = 2;
    private static final int CALLS_PER_AGENT = 30;
    /** Longer than a killed instance's session timeout, its open transaction's timeout and a restore, so no call fails closed. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(75);

    @Test
    void shouldDecideEachCallOnceAndKeepEveryChainWholeWhenOneOfTwoStreamInstancesIsKilledUnderLoad(@TempDir Path dir) throws Exception {
        // given
        String run = "scale-" + System.nanoTime();
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument(run, """
                default: deny
                rules:
                  - {id: echo-ok, effect: allow, tools: [echo]}
                  - {id: no-deletes, effect: deny, tools: [delete_file]}
                """, 0L), 0L);
        List<String> agents = agentsOnEveryPartition(run);
        CompletableFuture<ServiceProcess> startingA = startStream(dir, "a");
        CompletableFuture<ServiceProcess> startingB = startStream(dir, "b");
        try (ServiceProcess streamA = startingA.join(); ServiceProcess streamB = startingB.join();
             EdgeService edge1 = startEdge(dir, 1, agents); EdgeService edge2 = startEdge(dir, 2, agents)) {
            List<McpSyncClient> clients = new ArrayList<>();
            for (int i = 0; i < agents.size(); i++) {
                clients.add(McpPeers.httpClient((i % 2 == 0 ? edge1 : edge2).baseUrl(), "/mcp", agents.get(i) + "-key",
                        spec -> spec.requestTimeout(CALL_TIMEOUT)));
            }

            // when
            AtomicInteger answered = new AtomicInteger();
            ExecutorService callers = Executors.newFixedThreadPool(agents.size());
            List<CompletableFuture<Map<String, CallToolResult>>> calls = new ArrayList<>();
            for (int i = 0; i < agents.size(); i++) {
                McpSyncClient client = clients.get(i);
                String agent = agents.get(i);
                calls.add(CompletableFuture.supplyAsync(() -> callMany(client, agent, answered), callers));
            }
            int total = agents.size() * CALLS_PER_AGENT;
            await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= total / 3);
            assertThat(recordsProcessed(streamA)).as("the instance about to be killed works on partitions of its own").isPositive();
            long killedAt = System.currentTimeMillis();
            streamA.kill();
            Map<String, CallToolResult> results = new HashMap<>();
            calls.forEach(call -> results.putAll(call.orTimeout(150, TimeUnit.SECONDS).join()));
            callers.shutdown();
            clients.forEach(McpSyncClient::closeGracefully);

            // then
            assertThat(answered.get()).isEqualTo(total);
            results.forEach((text, result) -> {
                if (text.contains("delete")) {
                    assertThat(result.isError()).as("denied %s", text).isTrue();
                } else {
                    assertThat(((TextContent) result.content().get(0)).text()).as("allowed %s", text).isEqualTo(text);
                }
            });
            Map<String, Intent> intents = intentsOf(run);
            assertThat(intents).hasSize(total);
            assertThat(intents.values()).extracting(intent -> intent.getReplyTo().getPartition()).containsOnly(1, 2).contains(1, 2);

            Map<String, List<Effect>> decisions = decisionsOf(intents.keySet());
            assertThat(decisions).hasSize(total).allSatisfy((intent, effects) -> assertThat(effects).hasSize(1));
            Map<String, List<Receipt>> receipts = decisionReceiptsOf(intents.keySet());
            assertThat(receipts).hasSize(total).allSatisfy((intent, chained) -> assertThat(chained).hasSize(1));
            // Calls proposed after the kill were decided on every chain: the survivor took over the killed instance's partitions.
            assertThat(receipts.values().stream().flatMap(List::stream).filter(r -> r.getIntent().getEventTime() > killedAt)
                    .map(Receipt::getChain)).containsAll(List.of("propose-0", "propose-1", "propose-2", "propose-3"));

            assertThat(intents.values()).allSatisfy(intent -> assertThat(decisions.get(intent.getIntentId()))
                    .containsExactly(intent.getTool().equals("echo") ? Effect.ALLOW : Effect.DENY));
            List<String> forwarded = new ArrayList<>(McpPeers.callsReceived(dir.resolve("calls-1.log")));
            forwarded.addAll(McpPeers.callsReceived(dir.resolve("calls-2.log")));
            // Each allowed call reached the tool server exactly once; no denied one ever did.
            assertThat(forwarded.stream().filter(line -> line.contains(run))).containsExactlyInAnyOrderElementsOf(
                    results.keySet().stream().filter(text -> !text.contains("delete")).map(text -> "echo\t{text=" + text + "}").toList());
            assertThat(McpPeers.callsReceived(dir.resolve("calls-1.log"))).isNotEmpty();
            assertThat(McpPeers.callsReceived(dir.resolve("calls-2.log"))).isNotEmpty();

            assertThat(auditVerify()).startsWith("0|").containsPattern("OK: \\d+ receipts verified");
            streamB.stop();
        }
    }

    /** Records a stream process has processed so far, by its Kafka Streams thread metrics. */
    private static double recordsProcessed(ServiceProcess stream) {
        return stream.get("/metrics").body().lines().filter(line -> line.startsWith("kafka_stream_thread_process_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Every call of one agent, in turn: echo, and a deletion every fourth call; each answer by its text. */
    private static Map<String, CallToolResult> callMany(McpSyncClient client, String agent, AtomicInteger answered) {
        Map<String, CallToolResult> results = new HashMap<>();
        for (int n = 0; n < CALLS_PER_AGENT; n++) {
            String text = agent + "-" + n + (n % 4 == 3 ? "-delete" : "");
            results.put(text, n % 4 == 3
                    ? client.callTool(new CallToolRequest("demo__delete_file", Map.of("path", "/" + text)))
                    : client.callTool(new CallToolRequest("demo__echo", Map.of("text", text))));
            answered.incrementAndGet();
        }
        return results;
    }

    /** Agent ids whose records land on each partition of gateway.propose (Kafka's default partitioner: murmur2 of the key). */
    private static List<String> agentsOnEveryPartition(String run) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < AGENTS_PER_PARTITION * Topics.PROPOSE_PARTITIONS; i++) {
            String agent = run + "-agent-" + i;
            int partition = Utils.toPositive(Utils.murmur2(agent.getBytes(StandardCharsets.UTF_8))) % Topics.PROPOSE_PARTITIONS;
            List<String> on = byPartition.computeIfAbsent(partition, p -> new ArrayList<>());
            if (on.size() < AGENTS_PER_PARTITION) {
                on.add(agent);
            }
        }
        return byPartition.values().stream().flatMap(List::stream).toList();
    }

    private static CompletableFuture<ServiceProcess> startStream(Path dir, String instance) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ServiceProcess.start(LOGS.resolve("scale-out-stream-" + instance + ".log"), "decision stream running", "stream",
                        "--bootstrap-servers", SharedKafka.bootstrapServers(), "--state-dir", dir.resolve("streams-" + instance).toString(),
                        "--key-dir", dir.resolve("keys").toString(), "--health-listen", "127.0.0.1:0");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** An edge as {@code gateway edge --config} starts it: its own decide partition and demo tool server, the shared keys. */
    private static EdgeService startEdge(Path dir, int decidePartition, List<String> agents) throws Exception {
        Path config = dir.resolve("edge-" + decidePartition + ".yaml");
        Files.writeString(dir.resolve("policy.yaml"), "default: deny\nrules: []\n");
        StringBuilder yaml = new StringBuilder("""
                listen: 127.0.0.1:0
                kafka: {bootstrapServers: "%s"}
                stateDir: "%s"
                policy: policy.yaml
                decisionTimeoutMs: %d
                edge: {decidePartition: %d}
                mcpServers:
                  demo:
                    command: ${java}
                    args: ["-Xmx128m", "-cp", "${gateway.classpath}", "dev.mcpgw.demo.DemoServer"]
                    env: {DEMO_CALL_LOG: "%s"}
                agents:
                """.formatted(SharedKafka.bootstrapServers(), dir.resolve("keys"), CALL_TIMEOUT.toMillis() - 5000, decidePartition,
                dir.resolve("calls-" + decidePartition + ".log")));
        agents.forEach(agent -> yaml.append("  - {id: ").append(agent).append(", apiKey: ").append(agent).append("-key}\n"));
        Files.writeString(config, yaml);
        ConfigLoader.Loaded loaded = new ConfigLoader(name -> null).load(config);
        return EdgeService.start(loaded.config(), loaded.origin(), SharedKafka.bootstrapServers(), dir.resolve("keys"), OpenTelemetry.noop());
    }

    /** This run's intents on gateway.propose, by intent id. */
    private static Map<String, Intent> intentsOf(String run) {
        Map<String, Intent> intents = new HashMap<>();
        TopicConsumers.readToEnd(SharedKafka.bootstrapServers(), Topics.PROPOSE.name(), Topics.PROPOSE, Duration.ofSeconds(30), r -> {
            if (r.value() != null && r.value().getAgent().getId().startsWith(run)) {
                intents.put(r.value().getIntentId(), r.value());
            }
            return true;
        });
        return intents;
    }

    private static Map<String, List<Effect>> decisionsOf(Set<String> intents) {
        Map<String, List<Effect>> effects = new HashMap<>();
        TopicConsumers.readToEnd(SharedKafka.bootstrapServers(), Topics.DECIDE.name(), Topics.DECIDE, Duration.ofSeconds(30), r -> {
            Decision decision = r.value();
            if (decision != null && intents.contains(decision.getIntentId())) {
                effects.computeIfAbsent(decision.getIntentId(), id -> new ArrayList<>()).add(decision.getEffect());
            }
            return true;
        });
        return effects;
    }

    private static Map<String, List<Receipt>> decisionReceiptsOf(Set<String> intents) {
        Map<String, List<Receipt>> receipts = new HashMap<>();
        Set<String> ours = new HashSet<>(intents);
        TopicConsumers.readToEnd(SharedKafka.bootstrapServers(), Topics.RECEIPT.name(), Topics.RECEIPT, Duration.ofSeconds(30), r -> {
            Receipt receipt = r.value();
            if (receipt != null && receipt.getKind() == ReceiptKind.DECISION && ours.contains(receipt.getIntent().getIntentId())) {
                receipts.computeIfAbsent(receipt.getIntent().getIntentId(), id -> new ArrayList<>()).add(receipt);
            }
            return true;
        });
        return receipts;
    }

    /** {@code gateway audit verify} over the receipt topic: its exit code and what it printed. */
    private static String auditVerify() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new GatewayCommand()).execute("audit", "verify", "--bootstrap-servers", SharedKafka.bootstrapServers());
            return code + "|" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }
}
