package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewVote;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.SealedVerdicts;
import dev.mcpgw.testsupport.TopicIO;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call under review asked of the calling client's own user through MCP elicitation: an MCP Java
 * SDK client that declared elicitation answers the edge's elicitation/create, and its answer is a
 * sealed verdict the decision stream applies only where the rule allows that channel.
 */
class ElicitedApprovalIT {
    /** echo "ask-…" may be approved by the client's user; "named-…" asks for it too but names ann, so the user is never asked. */
    static final String POLICY = """
            version: elicit-it
            default: deny
            rules:
              - id: ask-the-user
                effect: review
                tools: [echo]
                condition: {field: arguments.text, operator: startsWith, value: "ask-"}
                approval: {askClientUser: true, expiresIn: 10m}
              - id: named-approver
                effect: review
                tools: [echo]
                condition: {field: arguments.text, operator: startsWith, value: "named-"}
                approval: {askClientUser: true, approvers: [ann]}
              - id: probe
                effect: allow
                tools: [add]
                condition: {field: arguments.a, operator: eq, value: 424242}
            """;

    /** What the client's user was asked, in order. */
    private static final List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
    private static EdgeFixture gateway;
    private static McpSyncClient client;
    private static SealedVerdicts verdicts;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream();
        client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY,
                spec -> spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(ElicitedApprovalIT::answer));
        verdicts = new SealedVerdicts(gateway.verdictAuthenticator());
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("elicit-it", POLICY, 0L), 0L);
        // Active once add is allowed only as the probe rule allows it (the fixture's policy allows every add).
        await().atMost(Duration.ofSeconds(30)).until(() -> addAllowed(424242) && !addAllowed(1));
    }

    private static boolean addAllowed(int a) {
        return !Boolean.TRUE.equals(client.callTool(CallToolRequest.builder().name("demo__add").arguments(Map.of("a", a, "b", 1)).build()).isError());
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
        gateway.close();
    }

    /** The user approves "approve-…", declines "decline-…", and answers "garbled-…" with a choice the schema does not offer. */
    private static ElicitResult answer(McpSchema.ElicitFormRequest request) {
        asked.add(request);
        if (request.message().contains("decline-")) {
            return new ElicitResult(ElicitResult.Action.DECLINE, null);
        }
        if (request.message().contains("garbled-")) {
            return new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("decision", "definitely", "approve", true));
        }
        return new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("decision", "approve"));
    }

    @Test
    void shouldRunACallTheClientsUserApprovesExactlyOnceWithAReceiptNamingTheChannel() throws Exception {
        String text = "ask-approve-" + UUID.randomUUID();

        CallToolResult result = call(text).get(30, TimeUnit.SECONDS);

        assertThat(result.isError()).isFalse();
        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo(text);
        assertThat(gateway.callsReceived().stream().filter(line -> line.contains(text)).count()).isEqualTo(1);
        McpSchema.ElicitFormRequest question = askedAbout(text);
        assertThat(question.message()).contains("tool \"echo\"").contains("server demo").contains("Agent alice");
        assertThat(question.requestedSchema()).containsKey("properties");
        ReviewRequest review = reviewOf(text);
        assertThat(review.getApproval().getAskCallingUser()).isTrue();
        List<Receipt> receipts = receiptsOf(review.getIntentId(), 4);
        assertThat(receipts).extracting(Receipt::getKind)
                .containsExactly(ReceiptKind.DECISION, ReceiptKind.VERDICT, ReceiptKind.DECISION, ReceiptKind.OUTCOME);
        ReviewVote vote = receipts.get(1).getReview().getVerdict();
        assertThat(vote.getChannel()).isEqualTo("elicitation");
        assertThat(vote.getApprover()).isEqualTo("client-user:alice");
        assertThat(receipts.get(1).getReview().getApplied()).isTrue();
        assertThat(receipts.get(2).getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(receipts.get(2).getReasons()).containsExactly("approved by client-user:alice (elicitation)");
        assertThat(receipts.get(3).getOutcome().getStatus()).isEqualTo(OutcomeStatus.EXECUTED);
    }

    @Test
    void shouldNeverRunACallTheClientsUserDeclines() throws Exception {
        String text = "ask-decline-" + UUID.randomUUID();

        CallToolResult result = call(text).get(30, TimeUnit.SECONDS);

        assertThat(result.isError()).isTrue();
        assertThat(((TextContent) result.content().get(0)).text()).contains("denied by client-user:alice (elicitation)");
        assertThat(gateway.callsReceived()).noneMatch(line -> line.contains(text));
    }

    @Test
    void shouldTakeNoVerdictFromAGarbledAnswerAndLetTheReviewGoOn() throws Exception {
        String text = "ask-garbled-" + UUID.randomUUID();
        CompletableFuture<CallToolResult> call = call(text);
        ReviewRequest review = reviewOf(text);
        await().atMost(Duration.ofSeconds(20)).until(() -> asked.stream().anyMatch(q -> q.message().contains(text)));

        Thread.sleep(2_000);
        boolean stillHeld = !call.isDone();
        TopicIO.write(Topics.REVIEW_VERDICT, "alice", verdicts.deny(review.getIntentId(), "ann"), System.currentTimeMillis());

        assertThat(stillHeld).as("a garbled answer decides nothing").isTrue();
        assertThat(call.get(30, TimeUnit.SECONDS).isError()).isTrue();
        List<Receipt> receipts = receiptsOf(review.getIntentId(), 3);
        assertThat(receipts).extracting(Receipt::getKind).containsExactly(ReceiptKind.DECISION, ReceiptKind.VERDICT, ReceiptKind.DECISION);
        assertThat(receipts.get(1).getReview().getVerdict().getApprover()).isEqualTo("ann");
        assertThat(gateway.callsReceived()).noneMatch(line -> line.contains(text));
    }

    @Test
    void shouldNeverAskTheClientsUserInsteadOfANamedApprover() throws Exception {
        String text = "named-" + UUID.randomUUID();
        CompletableFuture<CallToolResult> call = call(text);
        ReviewRequest review = reviewOf(text);

        TopicIO.write(Topics.REVIEW_VERDICT, "alice", verdicts.approve(review.getIntentId(), "ann"), System.currentTimeMillis());

        assertThat(call.get(30, TimeUnit.SECONDS).isError()).isFalse();
        assertThat(review.getApproval().getAskCallingUser()).isFalse();
        assertThat(asked).noneMatch(q -> q.message().contains(text));
    }

    private static CompletableFuture<CallToolResult> call(String text) {
        return CompletableFuture.supplyAsync(() -> client.callTool(CallToolRequest.builder().name("demo__echo").arguments(Map.of("text", text)).build()));
    }

    private static McpSchema.ElicitFormRequest askedAbout(String text) {
        return asked.stream().filter(q -> q.message().contains(text)).findFirst().orElseThrow();
    }

    private static ReviewRequest reviewOf(String text) {
        return TopicIO.readUntil(Topics.REVIEW_REQUEST, all -> all.stream().anyMatch(r -> r.value().getIntent().getArgumentsJson().contains(text)),
                        Duration.ofSeconds(20))
                .stream().map(ConsumerRecord::value).filter(r -> r.getIntent().getArgumentsJson().contains(text)).findFirst().orElseThrow();
    }

    private static List<Receipt> receiptsOf(String intentId, int count) {
        return TopicIO.readUntil(Topics.RECEIPT, all -> all.stream().filter(r -> r.value().getIntent().getIntentId().equals(intentId)).count() >= count,
                        Duration.ofSeconds(20))
                .stream().map(ConsumerRecord::value).filter(r -> r.getIntent().getIntentId().equals(intentId)).toList();
    }
}
