package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.kafka.ReceiptKeyTopic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewState;
import dev.mcpgw.schemas.ReviewStatus;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.SealedVerdicts;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Human review end to end: an MCP Java SDK client's tools/call through the edge, Kafka and the
 * decision stream, held while approvers' sealed verdicts (written as the review service writes
 * them) come on gateway.review-verdict, then run on the demo server or refused.
 */
class ReviewFlowIT {
    /** echo "one…" needs one approval of ann or ben, "two…" two of them, "quick…" one within 3 s; add is denied. */
    static final String POLICY = """
            {"id": "review-it", "name": "review-it", "version": "1.0.0", "defaultEffect": "deny", "rules": [
              {"id": "one-approval", "effect": "require_approval", "condition": {"all": [
                 {"field": "action.type", "operator": "eq", "value": "mcp.echo"},
                 {"field": "action.parameters.text", "operator": "startsWith", "value": "one"}]},
               "approvalConfig": {"approvers": [{"type": "user", "id": "ann"}, {"type": "user", "id": "ben"}], "expiresIn": "10m"}},
              {"id": "two-approvals", "effect": "require_approval", "condition": {"all": [
                 {"field": "action.type", "operator": "eq", "value": "mcp.echo"},
                 {"field": "action.parameters.text", "operator": "startsWith", "value": "two"}]},
               "approvalConfig": {"approvers": [{"type": "user", "id": "ann"}, {"type": "user", "id": "ben"}], "expiresIn": "10m",
                                  "requiredApprovals": 2}},
              {"id": "quick-review", "effect": "require_approval", "condition": {"all": [
                 {"field": "action.type", "operator": "eq", "value": "mcp.echo"},
                 {"field": "action.parameters.text", "operator": "startsWith", "value": "quick"}]},
               "approvalConfig": {"approvers": [{"type": "user", "id": "ann"}], "expiresIn": "3s"}},
              {"id": "echo-ok", "effect": "allow", "condition": {"field": "action.type", "operator": "eq", "value": "mcp.echo"}}
            ]}
            """;
    static final String ONE_DENIED = POLICY.replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.1\"")
            .replace("{\"id\": \"echo-ok\"", "{\"id\": \"no-more-ones\", \"effect\": \"deny\", \"condition\": "
                    + "{\"field\": \"action.parameters.text\", \"operator\": \"startsWith\", \"value\": \"one\"}},\n  {\"id\": \"echo-ok\"");

    private static final List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
    private static EdgeFixture gateway;
    private static McpSyncClient client;
    private static SealedVerdicts verdicts;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream();
        client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY, spec -> spec.progressConsumer(progress::add));
        verdicts = new SealedVerdicts(gateway.verdictAuthenticator());
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
        gateway.close();
    }

    @BeforeEach
    void reviewPolicy() {
        activate(POLICY);
    }

    @Test
    void shouldFollowAProposalUnderReviewWithDecideAndLetItsCallThroughOnceApproved() {
        String text = "one-" + UUID.randomUUID();
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());
        JsonObject proposed = SepFlowIT.result(raw.stateless(1, "authorization/propose", SepFlowIT.envelope("demo__echo", text)));
        ReviewRequest review = reviewOf(text);

        send(verdicts.approve(review.getIntentId(), "ann"));
        JsonObject approved = SepFlowIT.result(raw.stateless(2, "authorization/decide",
                new JsonObject().put("intentId", proposed.getString("intentId")).put("waitMs", 20_000)));
        SepFlowIT.result(raw.stateless(3, "tools/call", new JsonObject().put("name", "demo__echo")
                .put("arguments", new JsonObject().put("text", text)).put("_meta", new JsonObject().put("authorizationId", proposed.getString("receiptId")))));

        assertThat(review.getIntentId()).isEqualTo(proposed.getString("intentId"));
        assertThat(proposed.getJsonObject("decision").getString("outcome")).isEqualTo("require_approval");
        assertThat(proposed.getJsonObject("review").getString("deadline")).isEqualTo(java.time.Instant.ofEpochMilli(review.getDeadline()).toString());
        assertThat(approved.getJsonObject("decision").getString("outcome")).isEqualTo("allow");
        assertThat(approved.getJsonObject("authorization").getString("tool")).isEqualTo("echo");
        assertThat(callsOf(text)).isEqualTo(1);
    }

    @Test
    void shouldHoldAnApprovedCallWithProgressThenRunItExactlyOnceWithReceiptsLinkingTheVerdict() throws Exception {
        String text = "one-" + UUID.randomUUID();
        CompletableFuture<CallToolResult> call = callAsync(text, "progress-" + text);
        ReviewRequest review = reviewOf(text);
        await().atMost(Duration.ofSeconds(20)).until(() -> progress.stream().anyMatch(p -> p.progressToken().equals("progress-" + text)));

        ReviewVerdict approval = verdicts.approve(review.getIntentId(), "ann");
        send(approval);

        CallToolResult result = call.get(30, TimeUnit.SECONDS);
        assertThat(result.isError()).isFalse();
        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo(text);
        assertThat(callsOf(text)).isEqualTo(1);
        assertThat(progress).filteredOn(p -> p.progressToken().equals("progress-" + text))
                .allSatisfy(p -> assertThat(p.message()).contains("human review " + review.getIntentId()));
        List<Receipt> receipts = receiptsOf(review.getIntentId(), r -> r.size() == 4);
        assertThat(receipts).extracting(Receipt::getKind)
                .containsExactly(ReceiptKind.DECISION, ReceiptKind.VERDICT, ReceiptKind.DECISION, ReceiptKind.OUTCOME);
        Receipt verdict = receipts.get(1);
        assertThat(verdict.getReview().getVerdict().getVerdictId()).isEqualTo(approval.getVerdictId());
        assertThat(verdict.getReview().getReviewReceipt()).isEqualTo(review.getReceipt());
        Receipt allowed = receipts.get(2);
        assertThat(allowed.getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(allowed.getReview().getVotes()).containsExactly(reference(verdict));
        assertThat(receipts.get(3).getOutcome().getStatus()).isEqualTo(OutcomeStatus.EXECUTED);
        assertThat(receipts.get(3).getOutcome().getDecisionReceipt()).isEqualTo(reference(allowed));
        ReviewState state = stateOf(review.getIntentId(), s -> s.getStatus() == ReviewStatus.APPROVED);
        assertThat(state.getFinalReceipt()).isEqualTo(reference(allowed));
        assertThat(state.getVotes()).singleElement().satisfies(v -> assertThat(v.getReceipt()).isEqualTo(reference(verdict)));
    }

    @Test
    void shouldNeverRunADeniedCall() throws Exception {
        String text = "one-" + UUID.randomUUID();
        CompletableFuture<CallToolResult> call = callAsync(text, null);
        ReviewRequest review = reviewOf(text);

        send(verdicts.deny(review.getIntentId(), "ben"));

        CallToolResult result = call.get(30, TimeUnit.SECONDS);
        assertThat(result.isError()).isTrue();
        assertThat(((TextContent) result.content().get(0)).text()).contains("denied by ben (web)").contains("receipt propose-");
        assertThat(callsOf(text)).isZero();
        assertThat(stateOf(review.getIntentId(), s -> s.getStatus() != ReviewStatus.PENDING).getStatus()).isEqualTo(ReviewStatus.DENIED);
    }

    @Test
    void shouldDenyACallWhoseReviewPassedItsDeadline() throws Exception {
        String text = "quick-" + UUID.randomUUID();
        CompletableFuture<CallToolResult> call = callAsync(text, null);
        ReviewRequest review = reviewOf(text);

        CallToolResult result = call.get(30, TimeUnit.SECONDS);

        assertThat(result.isError()).isTrue();
        assertThat(((TextContent) result.content().get(0)).text()).contains("review expired at");
        assertThat(callsOf(text)).isZero();
        Receipt expired = receiptsOf(review.getIntentId(), r -> r.size() == 2).get(1);
        assertThat(expired.getEffect()).isEqualTo(Effect.DENY);
        assertThat(expired.getReview().getStatus()).isEqualTo(ReviewStatus.EXPIRED);
        assertThat(expired.getTime()).isEqualTo(review.getDeadline());
    }

    @Test
    void shouldRunACallNeedingTwoApprovalsOnlyAfterTheSecond() throws Exception {
        String text = "two-" + UUID.randomUUID();
        CompletableFuture<CallToolResult> call = callAsync(text, null);
        ReviewRequest review = reviewOf(text);

        send(verdicts.approve(review.getIntentId(), "ann"));
        stateOf(review.getIntentId(), s -> s.getVotes().size() == 1);
        boolean heldAfterOne = !call.isDone();
        send(verdicts.approve(review.getIntentId(), "ben"));

        assertThat(heldAfterOne).isTrue();
        assertThat(call.get(30, TimeUnit.SECONDS).isError()).isFalse();
        assertThat(callsOf(text)).isEqualTo(1);
    }

    @Test
    void shouldRefuseACallDeniedAfterOneOfTwoApprovals() throws Exception {
        String text = "two-" + UUID.randomUUID();
        CompletableFuture<CallToolResult> call = callAsync(text, null);
        ReviewRequest review = reviewOf(text);

        send(verdicts.approve(review.getIntentId(), "ann"));
        send(verdicts.deny(review.getIntentId(), "ben"));

        assertThat(call.get(30, TimeUnit.SECONDS).isError()).isTrue();
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldApplyNoForgedUnlistedUnknownOversizedUnreadableDuplicateOrLateVerdict() throws Exception {
        String text = "one-" + UUID.randomUUID();
        CompletableFuture<CallToolResult> call = callAsync(text, null);
        ReviewRequest review = reviewOf(text);
        String intentId = review.getIntentId();

        send(new SealedVerdicts(new VerdictAuthenticator(SecretKeyFile.random())).approve(intentId, "ann"));
        send(verdicts.approve(intentId, "mallory"));
        send(verdicts.approve(intentId, "alice"));
        send(verdicts.approve(UUID.randomUUID().toString(), "ann"));
        send(verdicts.seal(SealedVerdicts.unsealed(intentId, "ann", true).setComment("x".repeat(200_000)).build()));
        TopicIO.writeBytes(Topics.REVIEW_VERDICT.name(), "alice", "garbage".getBytes(StandardCharsets.UTF_8));
        TopicIO.writeBytes(Topics.REVIEW_VERDICT.name(), "alice", null);
        List<Receipt> refused = receiptsOf(intentId, r -> r.size() == 3);
        assertThat(refused.subList(1, 3)).allSatisfy(r -> assertThat(r.getReview().getApplied()).isFalse());
        assertThat(refused.get(1).getReasons()).containsExactly("verdict refused: mallory may not approve this call");
        assertThat(call.isDone()).isFalse();

        ReviewVerdict approval = verdicts.approve(intentId, "ann");
        send(approval);
        assertThat(call.get(30, TimeUnit.SECONDS).isError()).isFalse();
        send(approval);
        send(verdicts.approve(intentId, "ben"));

        List<Receipt> all = receiptsOf(intentId, r -> r.size() == 7);
        assertThat(all).extracting(Receipt::getKind).containsExactly(ReceiptKind.DECISION, ReceiptKind.VERDICT, ReceiptKind.VERDICT,
                ReceiptKind.VERDICT, ReceiptKind.DECISION, ReceiptKind.OUTCOME, ReceiptKind.VERDICT);
        assertThat(all.get(6).getReasons()).containsExactly("verdict refused: the review had already ended (approved)");
        assertThat(callsOf(text)).isEqualTo(1);
    }

    @Test
    void shouldCompleteAReviewPendingWhileTheDecisionStreamRestarts() throws Exception {
        String text = "one-" + UUID.randomUUID();
        CompletableFuture<CallToolResult> call = callAsync(text, null);
        ReviewRequest review = reviewOf(text);

        gateway.restartDecisionStream();
        send(verdicts.approve(review.getIntentId(), "ann"));

        assertThat(call.get(30, TimeUnit.SECONDS).isError()).isFalse();
        assertThat(callsOf(text)).isEqualTo(1);
        assertThat(receiptsOf(review.getIntentId(), r -> r.size() == 4)).extracting(Receipt::getKind)
                .containsExactly(ReceiptKind.DECISION, ReceiptKind.VERDICT, ReceiptKind.DECISION, ReceiptKind.OUTCOME);
    }

    @Test
    void shouldDenyACallWhoseReviewDeadlinePassesAfterTheDecisionStreamRestarted() throws Exception {
        // A restarted stream keeps the review clock running for the reviews it finds open.
        String text = "quick-" + UUID.randomUUID();
        CompletableFuture<CallToolResult> call = callAsync(text, null);
        ReviewRequest review = reviewOf(text);

        gateway.restartDecisionStream();
        CallToolResult result = call.get(30, TimeUnit.SECONDS);

        assertThat(result.isError()).isTrue();
        assertThat(((TextContent) result.content().get(0)).text()).contains("review expired at");
        assertThat(callsOf(text)).isZero();
        assertThat(receiptsOf(review.getIntentId(), r -> r.size() == 2).get(1).getReview().getStatus()).isEqualTo(ReviewStatus.EXPIRED);
    }

    @Test
    void shouldDenyAPendingCallThatANewPolicyDenies() throws Exception {
        String text = "one-" + UUID.randomUUID();
        CompletableFuture<CallToolResult> call = callAsync(text, null);
        ReviewRequest review = reviewOf(text);

        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("one-denied", ONE_DENIED, 0L), 0L);

        CallToolResult result = call.get(30, TimeUnit.SECONDS);
        assertThat(result.isError()).isTrue();
        assertThat(((TextContent) result.content().get(0)).text()).contains("the policy changed while the call was under review");
        assertThat(callsOf(text)).isZero();
        send(verdicts.approve(review.getIntentId(), "ann"));
        assertThat(receiptsOf(review.getIntentId(), r -> r.size() == 3).get(2).getReview().getApplied()).isFalse();
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldRecordAHeldCallItsClientCancelsAsWithdrawnAndNeverRunIt() {
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());
        String session = raw.initialize();
        String text = "one-" + UUID.randomUUID();
        raw.postAsync("""
                {"jsonrpc":"2.0","id":51,"method":"tools/call","params":{"name":"demo__echo","arguments":{"text":"%s"}}}"""
                .formatted(text), RawMcpHttp.session(session));
        ReviewRequest review = reviewOf(text);

        raw.post("""
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":51,"reason":"changed my mind"}}""",
                RawMcpHttp.session(session));
        List<Receipt> withdrawn = receiptsOf(review.getIntentId(), r -> r.size() == 2);
        send(verdicts.approve(review.getIntentId(), "ann"));

        assertThat(withdrawn.get(1).getOutcome().getStatus()).isEqualTo(OutcomeStatus.CANCELLED);
        assertThat(withdrawn.get(1).getOutcome().getDecisionReceipt()).isEqualTo(review.getReceipt());
        assertThat(receiptsOf(review.getIntentId(), r -> r.size() == 4).get(3).getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldRefuseA2026ClientsCallUnderReviewNamingTheReviewAndItsReceipt() {
        String text = "one-" + UUID.randomUUID();
        JsonObject request = RawMcpHttp.statelessRequest(7, "tools/call",
                new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", text)));

        HttpResponse<String> response = new RawMcpHttp(gateway.mcpUrl()).post(request.encode(), RawMcpHttp.statelessHeaders(request));

        JsonObject result = new JsonObject(response.body()).getJsonObject("result");
        ReviewRequest review = reviewOf(text);
        assertThat(result.getBoolean("isError")).isTrue();
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text"))
                .contains("human review " + review.getIntentId())
                .contains("receipt " + review.getReceipt().getChain() + "/" + review.getReceipt().getSequence());
        assertThat(callsOf(text)).isZero();
    }

    /** Publishes {@code policy} and waits until the stream decides by it (add: allowed before, denied by every review policy here). */
    private static void activate(String policy) {
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("review-it", policy, 0L), 0L);
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(
                client.callTool(CallToolRequest.builder().name("demo__add").arguments(Map.of("a", 1, "b", 2)).build()).isError()));
    }

    private static CompletableFuture<CallToolResult> callAsync(String text, String progressToken) {
        CallToolRequest.Builder request = CallToolRequest.builder().name("demo__echo").arguments(Map.of("text", text));
        Optional.ofNullable(progressToken).ifPresent(request::progressToken);
        return CompletableFuture.supplyAsync(() -> client.callTool(request.build()));
    }

    /** The review request of the call whose echo text is {@code text}. */
    private static ReviewRequest reviewOf(String text) {
        Predicate<ConsumerRecord<String, ReviewRequest>> ofText = r -> r.value().getIntent().getArgumentsJson().contains(text);
        List<ConsumerRecord<String, ReviewRequest>> requests = TopicIO.readUntil(Topics.REVIEW_REQUEST,
                all -> all.stream().anyMatch(ofText), Duration.ofSeconds(20));
        return requests.stream().filter(ofText).findFirst().orElseThrow().value();
    }

    /** Writes a verdict as the review service does: keyed by the agent whose call it answers. */
    private static void send(ReviewVerdict verdict) {
        TopicIO.write(Topics.REVIEW_VERDICT, "alice", verdict, System.currentTimeMillis());
    }

    /** The first state of review {@code intentId} that {@code wanted} holds for. */
    private static ReviewState stateOf(String intentId, Predicate<ReviewState> wanted) {
        Predicate<ConsumerRecord<String, ReviewState>> match = r -> r.key().equals(intentId) && wanted.test(r.value());
        return TopicIO.readUntil(Topics.REVIEW_STATE, all -> all.stream().anyMatch(match), Duration.ofSeconds(20))
                .stream().filter(match).findFirst().orElseThrow().value();
    }

    /** The receipts of intent {@code intentId} in chain order, once {@code enough} holds of them; every receipt of their chain verifies. */
    private static List<Receipt> receiptsOf(String intentId, Predicate<List<Receipt>> enough) {
        Predicate<Receipt> ofIntent = r -> r.getIntent().getIntentId().equals(intentId);
        List<Receipt> all = TopicIO.readUntil(Topics.RECEIPT,
                records -> enough.test(records.stream().map(ConsumerRecord::value).filter(ofIntent).toList()), Duration.ofSeconds(20))
                .stream().map(ConsumerRecord::value).toList();
        List<Receipt> mine = all.stream().filter(ofIntent).toList();
        String chain = mine.get(0).getChain();
        ChainVerifier verifier = new ChainVerifier(new ReceiptHasher(), KeyRing.readingFrom(() -> ReceiptKeyTopic.readAll(SharedKafka.bootstrapServers())));
        all.stream().filter(r -> r.getChain().equals(chain)).forEach(r -> assertThat(verifier.accept(r)).isEmpty());
        return mine;
    }

    private static long callsOf(String text) {
        return gateway.callsReceived().stream().filter(line -> line.contains(text)).count();
    }

    private static ReceiptRef reference(Receipt receipt) {
        return new ReceiptRef(receipt.getChain(), receipt.getSequence(), receipt.getHash());
    }
}
