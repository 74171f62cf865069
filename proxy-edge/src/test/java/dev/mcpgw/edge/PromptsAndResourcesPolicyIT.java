package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.RequestKind;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.TopicIO;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prompts, resources and completions are proposed, decided and receipted like tool calls, through
 * the real edge, broker and decision stream to the demo server (policy: {@link EdgeFixture#POLICY}).
 */
class PromptsAndResourcesPolicyIT {
    private static EdgeFixture gateway;
    private static RawMcpHttp http;
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream();
        http = new RawMcpHttp(gateway.mcpUrl());
        client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY);
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
        gateway.close();
    }

    @Test
    void shouldNeverForwardADeniedPromptAndLeaveItsReceipt() {
        JsonObject error = error(http.stateless(1, "prompts/get", new JsonObject().put("name", "demo__greeting")
                .put("arguments", new JsonObject().put("who", "Mallory"))));

        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.REFUSED_BY_POLICY);
        assertThat(error.getString("message")).startsWith("Denied by the gateway's policy").contains("Mallory gets no greeting");
        Receipt receipt = receiptNamedIn(error);
        assertThat(receipt.getKind()).isEqualTo(ReceiptKind.DECISION);
        assertThat(receipt.getEffect()).isEqualTo(Effect.DENY);
        assertThat(receipt.getMatchedRules()).containsExactly("demo-prompts", "nobody-greets-mallory");
        assertThat(receipt.getIntent().getKind()).isEqualTo(RequestKind.PROMPT_GET);
        assertThat(receipt.getIntent().getTool()).isEqualTo("greeting");
        assertThat(receipt.getIntent().getArgumentsJson()).isEqualTo("{\"who\":\"Mallory\"}");
        assertThat(gateway.callsReceived()).noneSatisfy(line -> assertThat(line).contains("Mallory"));
    }

    @Test
    void shouldNeverForwardADeniedResourceReadAndLeaveItsReceipt() {
        String uri = "demo://demo/notes/secret-" + UUID.randomUUID();
        JsonObject error = error(http.stateless(2, "resources/read", new JsonObject().put("uri", uri)));

        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.REFUSED_BY_POLICY);
        assertThat(error.getJsonObject("data").getJsonArray("matchedRules").getList()).containsExactly("demo-resources", "no-secret-notes");
        Receipt receipt = receiptNamedIn(error);
        assertThat(receipt.getEffect()).isEqualTo(Effect.DENY);
        assertThat(receipt.getIntent().getKind()).isEqualTo(RequestKind.RESOURCE_READ);
        assertThat(receipt.getIntent().getTool()).isEqualTo(uri);
        assertThat(receipt.getIntent().getArgumentsJson()).isEqualTo(new JsonObject().put("uri", uri).encode());
        assertThat(gateway.callsReceived()).noneSatisfy(line -> assertThat(line).contains(uri));
    }

    @Test
    void shouldForwardAnAllowedPromptAndRecordItsDecisionAndOutcome() {
        String who = "Ada-" + UUID.randomUUID();

        GetPromptResult result = client.getPrompt(new GetPromptRequest("demo__greeting", Map.of("who", who)));

        assertThat(((TextContent) result.messages().get(0).content()).text()).isEqualTo("Hello, " + who + ", from demo");
        assertThat(gateway.callsReceived()).anySatisfy(line -> assertThat(line).startsWith("prompt:greeting\t").contains(who));
        List<Receipt> receipts = receipts(r -> r.getKind() == ReceiptKind.OUTCOME && r.getIntent().getArgumentsJson().contains(who));
        Receipt decision = receipts.stream().filter(r -> r.getKind() == ReceiptKind.DECISION && r.getIntent().getArgumentsJson().contains(who))
                .findFirst().orElseThrow();
        Receipt outcome = receipts.stream().filter(r -> r.getKind() == ReceiptKind.OUTCOME && r.getIntent().getArgumentsJson().contains(who))
                .findFirst().orElseThrow();
        assertThat(decision.getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(decision.getMatchedRules()).containsExactly("demo-prompts");
        assertThat(outcome.getIntent().getKind()).isEqualTo(RequestKind.PROMPT_GET);
        assertThat(outcome.getOutcome().getStatus()).isEqualTo(OutcomeStatus.EXECUTED);
        assertThat(outcome.getOutcome().getDecisionReceipt().getHash()).isEqualTo(decision.getHash());
    }

    @Test
    void shouldDecideAResourceUriByItsPathPrefix() {
        JsonObject escape = error(http.stateless(3, "resources/read", new JsonObject().put("uri", "file:///srv/docs/../../etc/passwd")));

        assertThat(escape.getInteger("code")).isEqualTo(ErrorCodes.REFUSED_BY_POLICY);
        assertThat(escape.getJsonObject("data").getJsonArray("reasons").getList()).anySatisfy(reason -> assertThat((String) reason)
                .startsWith("rule docs-files does not apply: arguments.uri").contains("outside /srv/docs"));

        String inside = "file:///srv/docs/guide-" + UUID.randomUUID() + ".txt";
        http.stateless(4, "resources/read", new JsonObject().put("uri", inside));

        Receipt allowed = receipts(r -> r.getKind() == ReceiptKind.OUTCOME && inside.equals(r.getIntent().getTool())).stream()
                .filter(r -> r.getKind() == ReceiptKind.DECISION && inside.equals(r.getIntent().getTool())).findFirst().orElseThrow();
        assertThat(allowed.getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(allowed.getMatchedRules()).containsExactly("docs-files");
    }

    @Test
    void shouldDecideACompletionAsOneOfThePromptItCompletes() {
        JsonObject response = answer(http.stateless(5, "completion/complete", new JsonObject()
                .put("ref", new JsonObject().put("type", "ref/prompt").put("name", "demo__greeting"))
                .put("argument", new JsonObject().put("name", "who").put("value", "Gr"))));

        assertThat(response.getJsonObject("result").getJsonObject("completion").getJsonArray("values").getList()).containsExactly("Grace@demo");
        Receipt decision = receipts(r -> r.getKind() == ReceiptKind.DECISION && r.getIntent().getKind() == RequestKind.COMPLETION).stream()
                .filter(r -> r.getIntent().getKind() == RequestKind.COMPLETION).findFirst().orElseThrow();
        assertThat(decision.getMatchedRules()).containsExactly("demo-prompts");
        assertThat(decision.getIntent().getTool()).isEqualTo("greeting");
    }

    private static Receipt receiptNamedIn(JsonObject error) {
        JsonObject ref = error.getJsonObject("data").getJsonObject("receipt");
        Predicate<Receipt> named = r -> r.getChain().equals(ref.getString("chain")) && r.getSequence() == ref.getLong("sequence");
        return receipts(named).stream().filter(named).findFirst().orElseThrow();
    }

    /** The receipts on gateway.receipt once one of them satisfies {@code until}. */
    private static List<Receipt> receipts(Predicate<Receipt> until) {
        return TopicIO.readUntil(Topics.RECEIPT, rs -> rs.stream().anyMatch(r -> until.test(r.value())), Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::value).toList();
    }

    private static JsonObject error(HttpResponse<String> response) {
        return answer(response).getJsonObject("error");
    }

    /** The JSON-RPC response of a JSON or event-stream answer. */
    private static JsonObject answer(HttpResponse<String> response) {
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return new JsonObject(response.body());
        }
        return response.body().lines().filter(l -> l.startsWith("data: ")).map(l -> new JsonObject(l.substring(6)))
                .filter(m -> m.containsKey("id")).reduce((a, b) -> b).orElseThrow();
    }
}
