package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.edge.decision.DenialEnvelope;
import dev.mcpgw.edge.identity.AgentCredential;
import dev.mcpgw.edge.identity.CredentialLabels;
import dev.mcpgw.edge.mcp.method.ToolsCallHandler;
import dev.mcpgw.kafka.ReceiptKeyTopic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An MCP Java SDK client, through the edge, Kafka and the decision stream, to the demo SDK server over stdio. */
class EdgeEndToEndIT {
    private static final List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
    private static EdgeFixture gateway;
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream();
        client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY, spec -> spec.progressConsumer(progress::add));
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
        gateway.close();
    }

    @Test
    void shouldListDownstreamToolsUnderTheirServerPrefixButThoseThePolicyDeniesOutright() {
        List<String> names = client.listTools().tools().stream().map(Tool::name).toList();

        // delete_file: the rule no-deletes denies every call of it, so no agent is shown it.
        assertThat(names).containsExactly("demo__add", "demo__count_slowly", "demo__echo");
    }

    @Test
    void shouldRelayTheServersProgressToTheCallerUnderItsOwnToken() {
        CallToolResult result = client.callTool(CallToolRequest.builder().name("demo__count_slowly")
                .arguments(Map.of("to", 3)).progressToken("client-token-7").build());

        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("counted to 3");
        // The SDK client hands notifications to its consumer concurrently, also after it has handed
        // back the result, so only the set is stable here, once all three have arrived.
        await().atMost(Duration.ofSeconds(10)).until(() -> progress.size() >= 3);
        assertThat(progress).extracting(ProgressNotification::progressToken).containsOnly("client-token-7");
        assertThat(progress).extracting(ProgressNotification::progress).containsExactlyInAnyOrder(1.0, 2.0, 3.0);
    }

    @Test
    void shouldStreamProgressInOrderBeforeTheResult() {
        RawMcpHttp http = new RawMcpHttp(gateway.mcpUrl());
        String session = http.initialize();

        HttpResponse<String> response = http.post("""
                {"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"demo__count_slowly","arguments":{"to":3},
                 "_meta":{"progressToken":"raw-1"}}}""", RawMcpHttp.session(session));

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<String> events = response.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 3)).extracting(e -> new JsonObject(e).getJsonObject("params").getDouble("progress"))
                .containsExactly(1.0, 2.0, 3.0);
        assertThat(new JsonObject(events.get(3)).getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("counted to 3");
    }

    @Test
    void shouldForwardAnAllowedCallAndReturnTheDownstreamResult() {
        CallToolResult result = client.callTool(new CallToolRequest("demo__add", Map.of("a", 2, "b", 40)));

        assertThat(result.isError()).isFalse();
        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("42.0");
        assertThat(gateway.callsReceived()).anySatisfy(line -> assertThat(line).startsWith("add\t"));
    }

    @Test
    void shouldRefuseADeniedCallWithoutTheDownstreamServerSeeingIt() {
        CallToolResult result = client.callTool(new CallToolRequest("demo__delete_file", Map.of("path", "/etc/passwd")));

        assertThat(result.isError()).isTrue();
        assertThat(((TextContent) result.content().get(0)).text())
                .contains("Denied by the gateway's policy")
                .contains("no-deletes")
                .contains("deletions are never automated");
        assertThat(result.meta()).containsKey(ToolsCallHandler.DECISION_META);
        assertThat(gateway.callsReceived()).noneSatisfy(line -> assertThat(line).startsWith("delete_file"));
    }

    @Test
    void shouldTellTheSdkClientInSep2643sEnvelopeThatADeniedCallHasNoRemedy() {
        CallToolResult result = client.callTool(new CallToolRequest("demo__delete_file", Map.of("path", "/etc/shadow")));

        JsonObject envelope = JsonObject.mapFrom(result.meta()).getJsonObject(DenialEnvelope.META);
        assertThat(envelope.getString("reason")).isEqualTo("insufficient_authorization");
        assertThat(envelope.getString("remediation")).isEqualTo("unavailable");
        assertThat(envelope.getString("authorizationContextId")).isNotBlank();
        assertThat(envelope.containsKey("remediationHints")).isFalse();
    }

    @Test
    void shouldCountDecisionsByEffectOnTheMetricsEndpoint() throws Exception {
        client.callTool(new CallToolRequest("demo__echo", Map.of("text", "counted")));
        client.callTool(new CallToolRequest("demo__delete_file", Map.of("path", "/counted")));

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(metrics).containsPattern("mcpgw_decisions_total\\{effect=\"ALLOW\"} [1-9]")
                .containsPattern("mcpgw_decisions_total\\{effect=\"DENY\"} [1-9]")
                .contains("mcpgw_decision_wait_seconds_bucket");
    }

    @Test
    void shouldAnswerInHttp11AClientThatAsksToUpgradeToHttp2() throws Exception {
        // The JDK's client asks a plain-HTTP server to upgrade by default, and misreads large upgraded answers.
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(metrics.body()).contains("mcpgw_pending_decisions");
    }

    @Test
    void shouldRecordAReceiptThatVerifiesForAllowedAndDeniedCalls() {
        client.callTool(new CallToolRequest("demo__echo", Map.of("text", "receipt-allowed")));
        client.callTool(new CallToolRequest("demo__delete_file", Map.of("path", "/receipt-denied")));

        List<ConsumerRecord<String, Receipt>> receipts = TopicIO.readUntil(Topics.RECEIPT,
                rs -> rs.stream().anyMatch(r -> r.value().getIntent().getArgumentsJson().contains("/receipt-denied")),
                Duration.ofSeconds(30));

        assertThat(receipts).anySatisfy(r -> {
            assertThat(r.value().getIntent().getArgumentsJson()).isEqualTo("{\"text\":\"receipt-allowed\"}");
            assertThat(r.value().getIntent().getAgent().getId()).isEqualTo("alice");
            assertThat(r.value().getIntent().getAgent().getAttributes()).containsEntry("team", "platform");
            assertThat(r.value().getIntent().getContext()).containsEntry("sourceIp", "127.0.0.1");
            assertThat(r.value().getEffect()).isEqualTo(Effect.ALLOW);
        });
        assertThat(receipts).anySatisfy(r -> {
            assertThat(r.value().getIntent().getTool()).isEqualTo("delete_file");
            assertThat(r.value().getEffect()).isEqualTo(Effect.DENY);
            assertThat(r.value().getMatchedRules()).containsExactly("no-deletes");
        });
        ChainVerifier verifier = new ChainVerifier(new ReceiptHasher(),
                KeyRing.readingFrom(() -> ReceiptKeyTopic.readAll(SharedKafka.bootstrapServers())));
        receipts.forEach(r -> assertThat(verifier.accept(r.value())).isEmpty());
    }

    @Test
    void shouldChainAnOutcomeReceiptWhoseDigestMatchesTheResultTheClientGot() throws Exception {
        RawMcpHttp http = new RawMcpHttp(gateway.mcpUrl());
        String session = http.initialize();

        JsonObject result = new JsonObject(http.post("""
                {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"demo__echo","arguments":{"text":"outcome-recorded"}}}""",
                RawMcpHttp.session(session)).body()).getJsonObject("result");

        List<Receipt> receipts = receiptsUntilOutcomeOf("outcome-recorded");
        Receipt outcome = receipts.stream().filter(r -> isOutcomeOf(r, "outcome-recorded")).findFirst().orElseThrow();
        Receipt decision = receipts.stream().filter(r -> r.getKind() == ReceiptKind.DECISION
                && r.getIntent().getIntentId().equals(outcome.getIntent().getIntentId())).findFirst().orElseThrow();
        assertThat(outcome.getOutcome().getStatus()).isEqualTo(OutcomeStatus.EXECUTED);
        assertThat(outcome.getOutcome().getResultDigest()).isEqualTo(sha256(new JsonCanonicalizer(result.encode()).getEncodedUTF8()));
        assertThat(outcome.getOutcome().getDecisionReceipt().getHash()).isEqualTo(decision.getHash());
        assertThat(outcome.getSequence()).isGreaterThan(decision.getSequence());
        assertThat(outcome.getTime()).isGreaterThanOrEqualTo(decision.getTime());
    }

    @Test
    void shouldRecordNoOutcomeForADeniedCall() {
        client.callTool(new CallToolRequest("demo__delete_file", Map.of("path", "/no-outcome")));
        client.callTool(new CallToolRequest("demo__echo", Map.of("text", "after-the-denial")));

        List<Receipt> receipts = receiptsUntilOutcomeOf("after-the-denial");

        assertThat(receipts).filteredOn(r -> r.getIntent().getArgumentsJson().contains("/no-outcome"))
                .extracting(Receipt::getKind).containsExactly(ReceiptKind.DECISION);
    }

    @Test
    void shouldNameTheAgentsKeyInItsReceiptByAnHmacKeyedWithTheGatewaysSecretNeverByAHashOfTheKey() throws Exception {
        client.callTool(new CallToolRequest("demo__echo", Map.of("text", "credential-label")));

        Receipt receipt = TopicIO.readUntil(Topics.RECEIPT,
                rs -> rs.stream().anyMatch(r -> r.value().getIntent().getArgumentsJson().contains("credential-label")), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).filter(r -> r.getIntent().getArgumentsJson().contains("credential-label"))
                .findFirst().orElseThrow();

        String credential = receipt.getIntent().getAgent().getCredential();
        assertThat(credential).isEqualTo(new CredentialLabels(gateway.credentialLabelKey)
                .labelOf(new AgentCredential("alice", EdgeFixture.ALICE_KEY, List.of())));
        assertThat(credential).doesNotContain(sha256(EdgeFixture.ALICE_KEY.getBytes(StandardCharsets.UTF_8)).substring(0, 8))
                .doesNotContain(EdgeFixture.ALICE_KEY);
    }

    /** The receipts so far, read until the outcome of the echo of {@code text} is among them (one agent: one chain, in order). */
    private static List<Receipt> receiptsUntilOutcomeOf(String text) {
        return TopicIO.readUntil(Topics.RECEIPT, rs -> rs.stream().anyMatch(r -> isOutcomeOf(r.value(), text)), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).toList();
    }

    private static boolean isOutcomeOf(Receipt receipt, String text) {
        return receipt.getKind() == ReceiptKind.OUTCOME && receipt.getIntent().getArgumentsJson().contains(text);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
