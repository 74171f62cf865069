package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.PublicKeys;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.StrictJsonReader;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.SepRules;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.TopicIO;
import dev.mcpgw.edge.decision.DenialEnvelope;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed draft's flow against a real broker, decision stream and demo server: authorization/propose,
 * authorization/decide, a tools/call presenting the single-use authorization in {@code _meta.authorizationId},
 * and authorization/receipt, in both protocol eras and across two edge instances.
 */
class SepFlowIT {
    private static EdgeFixture gateway;
    private static EdgeVerticle second;
    private static RawMcpHttp first;
    private static RawMcpHttp other;
    private static McpSyncClient sessionClient;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream();
        second = gateway.deployEdge(2);
        first = new RawMcpHttp(gateway.mcpUrl());
        other = new RawMcpHttp("http://127.0.0.1:" + second.port() + EdgeVerticle.MCP_PATH);
        sessionClient = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY);
    }

    @AfterAll
    static void stop() {
        sessionClient.closeGracefully();
        gateway.close();
    }

    @Test
    void shouldRunTheToolOnceForAnAllowedProposalWhoseAuthorizationACallPresents() {
        String text = "sep-" + UUID.randomUUID();

        JsonObject decided = result(first.stateless(1, "authorization/propose", envelope("demo__echo", text)));
        var called = sessionClient.callTool(new CallToolRequest("demo__echo", Map.of("text", text), authorized(decided)));

        assertThat(decided.getJsonObject("decision").getString("outcome")).isEqualTo("allow");
        assertThat(decided.getJsonObject("authorization").getString("argumentsDigest"))
                .isEqualTo(SepRules.argumentsDigest("{\"text\":\"" + text + "\"}"));
        assertThat(((TextContent) called.content().get(0)).text()).isEqualTo(text);
        assertThat(callsOf(text)).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheSameAuthorizationPresentedAgainOnAnotherEdgeInstance() {
        String text = "sep-" + UUID.randomUUID();
        JsonObject decided = result(first.stateless(1, "authorization/propose", envelope("demo__echo", text)));
        result(first.stateless(2, "tools/call", call(text, decided)));

        JsonObject replayed = error(other.stateless(3, "tools/call", call(text, decided)));

        assertThat(replayed.getInteger("code")).isEqualTo(ErrorCodes.SEP_CLAIM_CONFLICT);
        assertThat(replayed.getString("message")).contains("already used");
        assertThat(callsOf(text)).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnAuthorizationPresentedWithOtherArguments() {
        String text = "sep-" + UUID.randomUUID();
        JsonObject decided = result(first.stateless(1, "authorization/propose", envelope("demo__echo", text)));

        JsonObject refused = error(first.stateless(2, "tools/call", call(text + "-and-more", decided)));

        assertThat(refused.getInteger("code")).isEqualTo(ErrorCodes.SEP_AUTHORIZATION_DENIED);
        assertThat(refused.getJsonObject("data").getJsonArray("matchedRules")).containsExactly(SepRules.MISMATCH);
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldRefuseAnAuthorizationPresentedAfterItExpired() throws InterruptedException {
        String text = "sep-" + UUID.randomUUID();
        JsonObject decided = result(first.stateless(1, "authorization/propose", envelope("demo__echo", text).put("ttlMs", 1)));
        Thread.sleep(20);

        JsonObject refused = error(first.stateless(2, "tools/call", call(text, decided)));

        assertThat(refused.getInteger("code")).isEqualTo(ErrorCodes.SEP_AUTHORIZATION_EXPIRED);
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldTellTheSdkClientInSep2643sEnvelopeThatAnExpiredAuthorizationsRemedyIsUndisclosed() throws InterruptedException {
        String text = "sep-" + UUID.randomUUID();
        JsonObject decided = result(first.stateless(1, "authorization/propose", envelope("demo__echo", text).put("ttlMs", 1)));
        Thread.sleep(20);

        assertThatThrownBy(() -> sessionClient.callTool(new CallToolRequest("demo__echo", Map.of("text", text), authorized(decided))))
                .isInstanceOfSatisfying(McpError.class, e -> {
                    JsonObject refusal = JsonObject.mapFrom(e.getJsonRpcError().data()).getJsonObject(DenialEnvelope.META);
                    assertThat(e.getJsonRpcError().code()).isEqualTo(ErrorCodes.SEP_AUTHORIZATION_EXPIRED);
                    assertThat(refusal.getString("reason")).isEqualTo("insufficient_authorization");
                    assertThat(refusal.getString("remediation")).isEqualTo("undisclosed");
                });
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldCarryNoAuthorizationOnADeniedProposalAndNeverRunItsTool() {
        String path = "/sep-" + UUID.randomUUID();
        JsonObject params = new JsonObject().put("name", "demo__delete_file").put("arguments", new JsonObject().put("path", path));
        JsonObject decided = result(first.stateless(1, "authorization/propose", params));

        JsonObject refused = error(first.stateless(2, "tools/call", params.copy().put("_meta", authorizedMeta(decided))));

        assertThat(decided.getJsonObject("decision").getString("outcome")).isEqualTo("deny");
        assertThat(decided.getJsonObject("decision").getJsonArray("matchedRules").getJsonObject(0).getString("ruleId")).isEqualTo("no-deletes");
        assertThat(decided.containsKey("authorization")).isFalse();
        assertThat(refused.getInteger("code")).isEqualTo(ErrorCodes.SEP_AUTHORIZATION_DENIED);
        assertThat(callsOf(path)).isZero();
    }

    @Test
    void shouldAnswerDecideWithTheDecisionOfTheProposingAgentsIntentWhenPolledOrAwaited() {
        String text = "sep-" + UUID.randomUUID();
        JsonObject proposed = result(first.stateless(1, "authorization/propose", envelope("demo__echo", text).put("waitMs", 0)));

        JsonObject awaited = result(first.stateless(2, "authorization/decide",
                new JsonObject().put("intentId", proposed.getString("intentId")).put("waitMs", 10_000)));
        JsonObject polled = result(first.stateless(3, "authorization/decide", new JsonObject().put("receiptId", proposed.getString("receiptId"))));

        assertThat(awaited.getJsonObject("decision").getString("outcome")).isEqualTo("allow");
        assertThat(polled.getJsonObject("decision")).isEqualTo(awaited.getJsonObject("decision"));
        assertThat(polled.getJsonObject("receipt").getString("chain")).startsWith("propose-");
    }

    @Test
    void shouldAnswerAnotherAgentAskingForAnIntentExactlyAsForAnUnknownOne() {
        JsonObject decided = result(first.stateless(1, "authorization/propose", envelope("demo__echo", "sep-" + UUID.randomUUID())));
        String forged = UUID.randomUUID().toString();

        JsonObject asBob = error(first.post(RawMcpHttp.statelessRequest(2, "authorization/decide",
                new JsonObject().put("intentId", decided.getString("intentId"))).encode(), asBob("authorization/decide")));
        JsonObject unknown = error(first.stateless(3, "authorization/decide", new JsonObject().put("intentId", forged)));

        assertThat(asBob.getInteger("code")).isEqualTo(unknown.getInteger("code")).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(asBob.getString("message").replace(decided.getString("intentId"), "ID")).isEqualTo(unknown.getString("message").replace(forged, "ID"));
    }

    @Test
    void shouldReturnTheIntentsReceiptsSoThatTheyVerifyOfflineWithTheChainVerifier() {
        String text = "sep-" + UUID.randomUUID();
        JsonObject decided = result(first.stateless(1, "authorization/propose", envelope("demo__echo", text)));
        result(first.stateless(2, "tools/call", call(text, decided)));
        JsonObject answer = await().atMost(Duration.ofSeconds(30)).until(
                () -> result(first.stateless(3, "authorization/receipt", new JsonObject().put("intentId", decided.getString("intentId")))),
                a -> a.getJsonArray("receipts").size() == 3);

        KeyRing keys = KeyRing.of(answer.getJsonObject("verification").getJsonArray("keys").stream()
                .map(k -> PublicKeys.fromBase64(((JsonObject) k).getString("publicKey"))).toArray(org.bouncycastle.crypto.params.Ed25519PublicKeyParameters[]::new));
        List<JsonObject> receipts = answer.getJsonArray("receipts").stream().map(JsonObject.class::cast).toList();
        assertThat(receipts).extracting(r -> r.getString("kind") + " " + r.getString("status"))
                .containsExactly("decision pending", "decision pending", "outcome executed");
        for (JsonObject entry : receipts) {
            Receipt receipt = StrictJsonReader.of(Receipt.class).read(entry.getJsonObject("receipt").encode());
            ChainVerifier verifier = new ChainVerifier(new ReceiptHasher(), keys,
                    Map.of(receipt.getChain(), new ChainHead(receipt.getChain(), receipt.getSequence(), entry.getString("prevReceiptHash"))));
            assertThat(verifier.accept(receipt)).isEmpty();
            assertThat(receipt.getHash()).isEqualTo(entry.getString("receiptHash"));
        }
    }

    @Test
    void shouldRefuseAndRecordAProposalWhoseEnvelopeNamesAnotherPrincipal() {
        String text = "sep-" + UUID.randomUUID();
        JsonObject claimingBob = envelope("demo__echo", text);
        claimingBob.getJsonObject("envelope").put("principal", new JsonObject().put("type", "agent").put("id", "bob"));

        JsonObject refused = error(first.stateless(1, "authorization/propose", claimingBob));

        assertThat(refused.getInteger("code")).isEqualTo(ErrorCodes.SEP_AUTHORIZATION_DENIED);
        String intentId = refused.getJsonObject("data").getString("authorizationId");
        List<ConsumerRecord<String, Receipt>> recorded = TopicIO.readUntil(Topics.RECEIPT,
                rs -> rs.stream().anyMatch(r -> r.value().getIntent().getIntentId().equals(intentId)), Duration.ofSeconds(20));
        Receipt receipt = recorded.stream().map(ConsumerRecord::value).filter(r -> r.getIntent().getIntentId().equals(intentId)).findFirst().orElseThrow();
        assertThat(receipt.getMatchedRules()).containsExactly(SepRules.PRINCIPAL_MISMATCH);
        assertThat(receipt.getIntent().getAgent().getId()).isEqualTo("alice");
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldServeTheSepMessagesToASessionEraClient() {
        String session = first.initialize();
        String text = "sep-" + UUID.randomUUID();
        JsonObject propose = new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "authorization/propose")
                .put("params", envelope("demo__echo", text));

        JsonObject decided = result(first.post(propose.encode(), RawMcpHttp.session(session)));

        assertThat(decided.getJsonObject("decision").getString("outcome")).isEqualTo("allow");
    }

    @Test
    void shouldAdvertiseTheDraftsAuthorizationCapabilityAtInitializeAndDiscover() {
        JsonObject initialized = result(first.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""", RawMcpHttp.auth()));
        JsonObject discovered = result(first.stateless(2, "server/discover", new JsonObject()));

        for (JsonObject capabilities : List.of(initialized.getJsonObject("capabilities"), discovered.getJsonObject("capabilities"))) {
            assertThat(capabilities.getJsonObject("authorization").getString("version")).isEqualTo("2026-03-14");
            assertThat(capabilities.getJsonObject("authorization").getJsonObject("features").getBoolean("argumentBinding")).isTrue();
        }
    }

    @Test
    void shouldSendTheDraftsReceiptNotificationBeforeTheResultToAClientDeclaringItsAuthorizationCapability() {
        String text = "sep-" + UUID.randomUUID();
        JsonObject decided = result(first.stateless(1, "authorization/propose", envelope("demo__echo", text)));
        JsonObject params = call(text, decided);
        params.getJsonObject("_meta").put(MetaKeys.CLIENT_CAPABILITIES, new JsonObject().put("authorization", new JsonObject().put("version", "2026-03-14")));

        String events = first.stateless(2, "tools/call", params).body();

        assertThat(events.indexOf("\"method\":\"authorization/receipt\"")).isPositive().isLessThan(events.indexOf("\"result\""));
        assertThat(events).contains("\"status\":\"executed\"", "\"id\":\"" + decided.getString("receiptId") + "\"");
    }

    @Test
    void shouldThrowTheSdkClientAJsonRpcErrorForAForgedAuthorization() {
        String text = "sep-" + UUID.randomUUID();

        assertThatThrownBy(() -> sessionClient.callTool(new CallToolRequest("demo__echo", Map.of("text", text),
                Map.of("authorizationId", UUID.randomUUID().toString()))))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code()).isEqualTo(ErrorCodes.SEP_AUTHORIZATION_DENIED));
        assertThat(callsOf(text)).isZero();
    }

    /** The draft's envelope for {@code tool} with {@code text} as its argument, principal left out. */
    static JsonObject envelope(String tool, String text) {
        return new JsonObject().put("envelope", new JsonObject()
                .put("id", UUID.randomUUID().toString())
                .put("timestamp", "2026-11-30T10:30:00.000Z")
                .put("action", new JsonObject().put("type", "mcp." + tool).put("resource", "mcp://demo/echo").put("operation", "execute")
                        .put("parameters", new JsonObject().put("text", text)))
                .put("context", new JsonObject().put("purpose", "integration test").put("environment", "development"))
                .put("constraints", new JsonObject().put("timeout", 30000)));
    }

    private static JsonObject call(String text, JsonObject decided) {
        return new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", text)).put("_meta", authorizedMeta(decided));
    }

    private static JsonObject authorizedMeta(JsonObject decided) {
        return new JsonObject().put("authorizationId", decided.getString("receiptId"));
    }

    private static Map<String, Object> authorized(JsonObject decided) {
        return Map.of("authorizationId", decided.getString("receiptId"));
    }

    private static Map<String, String> asBob(String method) {
        Map<String, String> headers = new java.util.HashMap<>(RawMcpHttp.statelessHeaders(RawMcpHttp.statelessRequest(0, method, new JsonObject())));
        headers.put("Authorization", "Bearer " + EdgeFixture.BOB_KEY);
        return headers;
    }

    static JsonObject result(java.net.http.HttpResponse<String> response) {
        JsonObject body = new JsonObject(response.body());
        assertThat(body.containsKey("error")).as(response.body()).isFalse();
        return body.getJsonObject("result");
    }

    static JsonObject error(java.net.http.HttpResponse<String> response) {
        JsonObject body = new JsonObject(response.body());
        assertThat(body.containsKey("error")).as(response.body()).isTrue();
        return body.getJsonObject("error");
    }

    private static long callsOf(String text) {
        return gateway.callsReceived().stream().filter(line -> line.contains(text)).count();
    }
}
