package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.broker.EmbeddedKafkaBroker;
import dev.mcpgw.edge.identity.AgentCredential;
import dev.mcpgw.edge.mrtr.RequestStateKey;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever can write gateway.policy publishes what is not a policy under the active policy's key:
 * an invalid policy, a deeply nested document, an oversized one, an alias bomb, a regex nested too
 * deep for RE2/J's recursion, a regex whose repetitions would fill the heap, a record of another
 * schema, garbage bytes and a tombstone. The edge reads them at start and as they arrive; none stops
 * it or its policy follower, none replaces the policy in force (with none ever valid, every list
 * stays empty: fail closed), and a valid policy after them takes effect. Each test has a broker of
 * its own, so that its gateway.policy holds only what the test wrote.
 */
class ActivePolicyHostileRecordsIT {
    @TempDir
    Path temp;

    private static final String ECHO_ONLY = """
            version: echo-only
            default: deny
            rules:
              - id: echo
                effect: allow
                tools: [echo]
            """;
    private static final String ECHO_AND_ADD = """
            version: echo-and-add
            default: deny
            rules:
              - id: echo-and-add
                effect: allow
                tools: [echo, add]
            """;

    private final Vertx vertx = Vertx.vertx();
    private EmbeddedKafkaBroker broker;
    private KafkaProducer<String, byte[]> producer;
    private Path callLog;

    @BeforeEach
    void freshBroker() throws Exception {
        broker = EmbeddedKafkaBroker.temporary().start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
        callLog = temp.resolve("calls.log");
    }

    @AfterEach
    void stop() {
        vertx.close().await();
        producer.close();
        broker.close();
    }

    @Test
    void hostileRecordsBeforeAnyValidPolicyLeaveEveryListEmptyAndTheFirstValidPolicyTakesEffect() throws Exception {
        EdgeVerticle edge = startEdge();

        long last = publishHostileRecords();
        awaitDeadLetterOfThePolicyFollower(last);

        assertThat(toolNames(edge)).isEmpty();
        assertThat(failing(edge)).isEmpty();
        publish(ECHO_ONLY);
        await().atMost(Duration.ofSeconds(30)).until(() -> toolNames(edge).equals(List.of("demo__echo")));
    }

    @Test
    void anEdgeStartingOverHostileRecordsAloneStartsListingNothingAndFollowsTheTopic() throws Exception {
        publishHostileRecords();

        EdgeVerticle edge = startEdge();

        assertThat(toolNames(edge)).isEmpty();
        publish(ECHO_ONLY);
        await().atMost(Duration.ofSeconds(30)).until(() -> toolNames(edge).equals(List.of("demo__echo")));
        assertThat(failing(edge)).isEmpty();
    }

    @Test
    void hostileRecordsLeaveThePolicyInForceAndAValidPolicyAfterThemTakesEffect() throws Exception {
        EdgeVerticle edge = startEdge();
        publish(ECHO_ONLY);
        await().atMost(Duration.ofSeconds(30)).until(() -> toolNames(edge).equals(List.of("demo__echo")));

        long last = publishHostileRecords();
        awaitDeadLetterOfThePolicyFollower(last);

        assertThat(toolNames(edge)).containsExactly("demo__echo");
        assertThat(failing(edge)).isEmpty();
        publish(ECHO_AND_ADD);
        await().atMost(Duration.ofSeconds(30)).until(() -> toolNames(edge).equals(List.of("demo__add", "demo__echo")));
    }

    @Test
    void anEdgeStartingOverHostileRecordsAfterAValidPolicyListsWhatThatPolicyAllows() throws Exception {
        publish(ECHO_ONLY);
        publishHostileRecords();

        EdgeVerticle edge = startEdge();

        assertThat(toolNames(edge)).containsExactly("demo__echo");
        assertThat(failing(edge)).isEmpty();
    }

    /** Every kind of record that is not a policy, under the active policy's key; answers the offset of the last (a tombstone). */
    private long publishHostileRecords() throws Exception {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        // Nine aliases of nine aliases of ...: a few hundred bytes, 9^10 nodes if expanded.
        StringBuilder aliasBomb = new StringBuilder("version: alias-bomb\ndefault: allow\nl0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level < 10; level++) {
            aliasBomb.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(9, "*l" + (level - 1)))).append("]\n");
        }
        aliasBomb.append("rules: *l9\n");
        // Each would allow every tool if it loaded, so one that wrongly does shows in the lists.
        for (String source : List.of(
                "version: invalid\ndefault: allow\nrules:\n  - id: maybe\n    effect: perhaps\n",
                "version: deep\ndefault: allow\nrules: " + nested + "\n",
                "version: oversized\ndefault: allow\nrules: []\nnote: " + "x".repeat(800_000) + "\n",
                aliasBomb.toString(),
                regexRule("deep-regex", "(".repeat(5000) + "a" + ")".repeat(5000)),
                regexRule("regex-bomb", "((a{1000}){1000}){1000}"))) {
            send(policyBytes(source));
        }
        send(Topics.REVIEW_VERDICT.valueSerde().serializer().serialize(Topics.REVIEW_VERDICT.name(),
                new ReviewVerdict("v-1", "i-1", true, "mallory", List.of(), null, "web", 0L, "")));
        send(new byte[] {(byte) 0xff, 0x13, 0x37, 0x00});
        return send(null);
    }

    private static String regexRule(String version, String regex) {
        return "version: " + version + "\ndefault: allow\nrules:\n  - id: r\n    effect: allow\n    tools: [echo]\n"
                + "    arguments:\n      text: {regex: \"" + regex + "\"}\n";
    }

    private void publish(String policy) throws Exception {
        send(policyBytes(policy));
    }

    private static byte[] policyBytes(String source) {
        return Topics.POLICY.valueSerde().serializer().serialize(Topics.POLICY.name(), new PolicyDocument("mallory", source, 0L));
    }

    private long send(byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(Topics.POLICY.name(), 0, Topics.ACTIVE_POLICY_KEY, value)).get().offset();
    }

    /** The follower reads in offset order, so once it gave up on the record at {@code offset}, it has read every one before it. */
    private void awaitDeadLetterOfThePolicyFollower(long offset) {
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicConsumers.readAll(broker.bootstrapServers(), Topics.DEAD_LETTER.name(),
                        Topics.DEAD_LETTER, Duration.ofSeconds(10)).stream()
                .anyMatch(letter -> letter.getTopic().equals(Topics.POLICY.name()) && letter.getOffset() == offset));
    }

    private EdgeVerticle startEdge() {
        EdgeVerticle edge = new EdgeVerticle(new EdgeSettings("127.0.0.1", 0, broker.bootstrapServers(), "edge-hostile-policy", 0,
                Duration.ofSeconds(2), Duration.ofSeconds(10), 64 * 1024, 100, List.of(),
                List.of(new AgentCredential("alice", EdgeFixture.ALICE_KEY, List.of("demo"))),
                List.of(EdgeFixture.stdioDemo(callLog)), RequestStateKey.random(), RequestStateKey.random()));
        vertx.deployVerticle(edge).await();
        return edge;
    }

    private static List<String> toolNames(EdgeVerticle edge) {
        try (McpSyncClient client = McpPeers.httpClient("http://127.0.0.1:" + edge.port(), EdgeVerticle.MCP_PATH, EdgeFixture.ALICE_KEY)) {
            return client.listTools().tools().stream().map(Tool::name).toList();
        }
    }

    /** What the edge's health check names as failing: its policy follower among them if it stopped. */
    private static List<Object> failing(EdgeVerticle edge) throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + edge.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        return new JsonObject(health.body()).getJsonArray("failing").getList();
    }
}
