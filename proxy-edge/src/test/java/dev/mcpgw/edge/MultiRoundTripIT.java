package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 2026-07-28 multi round-trip request through the gateway, with raw requests: the server's
 * request for input reaches the client with a state sealed to that call, the retry is decided again
 * and linked to the first attempt, and a state that was altered, is not a string, or is carried by
 * a call to another server or tool is refused before anything is proposed.
 */
class MultiRoundTripIT {
    private static final JsonObject ADA = new JsonObject().put("name",
            new JsonObject().put("action", "accept").put("content", new JsonObject().put("name", "Ada")));
    private static final JsonObject ELICITING = new JsonObject().put(MetaKeys.CLIENT_CAPABILITIES,
            new JsonObject().put("elicitation", new JsonObject().put("form", new JsonObject())));
    private static final List<NodePeers.HttpToolServer> httpServers = new ArrayList<>();
    private static EdgeFixture gateway;
    private static RawMcpHttp raw;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        gateway = EdgeFixture.withDecisionStreamFronting(MultiRoundTripIT::servers);
        raw = new RawMcpHttp(gateway.mcpUrl());
    }

    private static List<DownstreamSpec> servers(Path callLog) {
        McpPeers.StdioCommand stdio = NodePeers.toolServer(callLog);
        NodePeers.HttpToolServer http = NodePeers.httpToolServer(callLog);
        httpServers.add(http);
        return List.of(new DownstreamSpec("stdio-2026", stdio.command(), stdio.args(), stdio.env(), null, null, "stdio-2026"),
                new DownstreamSpec("http-2026", null, null, null, http.url(), Map.of(), "http-2026", ProtocolVersions.V2026_07_28),
                new DownstreamSpec("http-2025", null, null, null, http.url(), Map.of(), "http-2025", ProtocolVersions.V2025_11_25));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        httpServers.forEach(NodePeers.HttpToolServer::close);
    }

    private static JsonObject askName(Object id, String server, JsonObject retry) {
        return call(id, server + "__ask_name", new JsonObject(), retry);
    }

    private static JsonObject call(Object id, String tool, JsonObject arguments, JsonObject retry) {
        HttpResponse<String> response = raw.stateless(id, "tools/call", new JsonObject().put("name", tool)
                .put("arguments", arguments).put("_meta", ELICITING).mergeIn(retry));
        return new JsonObject(response.body());
    }

    /** An answer accepting the elicitation {@code key} names with {@code name}. */
    private static JsonObject answering(String key, String name) {
        return new JsonObject().put(key, new JsonObject().put("action", "accept").put("content", new JsonObject().put("name", name)));
    }

    private static String sealedStateFrom(String server, Object id) {
        JsonObject first = askName(id, server, new JsonObject()).getJsonObject("result");
        assertThat(first.getString("resultType")).isEqualTo("input_required");
        return first.getString("requestState");
    }

    @Test
    void shouldRelayTheServersRequestForInputWithASealedState() {
        JsonObject first = askName(1, "http-2026", new JsonObject()).getJsonObject("result");

        assertThat(first.getJsonObject("inputRequests").getJsonObject("name").getString("method")).isEqualTo("elicitation/create");
        assertThat(first.getString("requestState")).startsWith("mcpgw2.");
    }

    @Test
    void shouldForwardTheRetryAndLinkItsReceiptToTheFirstAttempt() {
        String state = sealedStateFrom("http-2026", 2);

        JsonObject done = askName(3, "http-2026", new JsonObject().put("requestState", state).put("inputResponses", ADA)).getJsonObject("result");

        assertThat(done.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("Hello, Ada!");
        List<Receipt> receipts = TopicIO.readUntil(Topics.RECEIPT, rs -> rs.stream().anyMatch(r -> isRetryOf(r.value())), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).filter(r -> r.getIntent().getTool().equals("ask_name")).toList();
        Receipt retry = receipts.stream().filter(MultiRoundTripIT::isRetryOf).findFirst().orElseThrow();
        assertThat(receipts).filteredOn(r -> r.getKind() == ReceiptKind.DECISION
                        && r.getChain().equals(retry.getIntent().getPreviousAttempt().getChain())
                        && r.getSequence() == retry.getIntent().getPreviousAttempt().getSequence())
                .singleElement().satisfies(firstAttempt -> assertThat(firstAttempt.getIntent().getPreviousAttempt()).isNull());
        assertThat(receipts).filteredOn(r -> r.getKind() == ReceiptKind.OUTCOME && r.getOutcome().getStatus() == OutcomeStatus.INPUT_REQUIRED)
                .isNotEmpty();
    }

    private static boolean isRetryOf(Receipt receipt) {
        return receipt.getKind() == ReceiptKind.DECISION && receipt.getIntent().getTool().equals("ask_name")
                && receipt.getIntent().getPreviousAttempt() != null;
    }

    @Test
    void shouldRelayTheServersRefusalOfAClientThatDidNotDeclareTheCapability() {
        HttpResponse<String> response = raw.stateless(8, "tools/call",
                new JsonObject().put("name", "http-2026__ask_name").put("arguments", new JsonObject()));

        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY);
        assertThat(error.getJsonObject("data").getJsonObject("requiredCapabilities").containsKey("elicitation")).isTrue();
    }

    @Test
    void shouldAnswerAMissingClientCapabilityWithHttp400() {
        HttpResponse<String> response = raw.stateless(10, "tools/call",
                new JsonObject().put("name", "http-2026__ask_name").put("arguments", new JsonObject()));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    /** A session-era server asks during the call; a 2026-07-28 client that did not declare elicitation is told at once, as a 2026 server would. */
    @Test
    void shouldRefuseAtOnceASessionEraServersRequestTheClientDidNotDeclareTheCapabilityFor() {
        HttpResponse<String> response = raw.stateless(11, "tools/call",
                new JsonObject().put("name", "http-2025__ask_name").put("arguments", new JsonObject()));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY);
        assertThat(error.getJsonObject("data").getJsonObject("requiredCapabilities").containsKey("elicitation")).isTrue();
    }

    @Test
    void shouldRefuseAnAlteredState() {
        String state = sealedStateFrom("http-2026", 4);
        String altered = state.substring(0, 12) + (state.charAt(12) == 'A' ? 'B' : 'A') + state.substring(13);

        JsonObject error = askName(5, "http-2026", new JsonObject().put("requestState", altered).put("inputResponses", ADA))
                .getJsonObject("error");

        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(error.getString("message")).contains("requestState");
    }

    @Test
    void shouldRefuseARetryAimedAtAnotherServer() {
        String state = sealedStateFrom("http-2026", 6);

        JsonObject error = askName(7, "stdio-2026", new JsonObject().put("requestState", state).put("inputResponses", ADA))
                .getJsonObject("error");

        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(error.getString("message")).contains("server http-2026, not stdio-2026");
    }

    @Test
    void shouldRefuseARequestStateThatIsNotAString() {
        JsonObject error = askName(15, "http-2026", new JsonObject().put("requestState", new JsonObject().put("server", "http-2026"))
                .put("inputResponses", ADA)).getJsonObject("error");

        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(error.getString("message")).contains("requestState must be the string");
    }

    @Test
    void shouldRefuseARetryOfAnotherToolWithTheStateOfAnAllowedCall() {
        String state = sealedStateFrom("http-2026", 16);

        JsonObject error = call(17, "http-2026__echo", new JsonObject().put("text", "hi"),
                new JsonObject().put("requestState", state).put("inputResponses", ADA)).getJsonObject("error");

        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(error.getString("message")).contains("tool ask_name, not echo");
    }

    /**
     * A session-era server's question holds the 2026 client's call; a retry of another tool carrying
     * the held call's state would be decided on that tool while answering the held call: refused,
     * and the held call is still there for the real retry.
     */
    @Test
    void shouldNotLetARetryOfAnotherToolAnswerAHeldCall() {
        JsonObject first = askName(18, "http-2025", new JsonObject()).getJsonObject("result");
        String key = first.getJsonObject("inputRequests").fieldNames().iterator().next();
        String state = first.getString("requestState");

        JsonObject error = call(19, "http-2025__echo", new JsonObject().put("text", "hi"),
                new JsonObject().put("requestState", state).put("inputResponses", answering(key, "Mallory"))).getJsonObject("error");
        JsonObject done = askName(20, "http-2025", new JsonObject().put("requestState", state).put("inputResponses", answering(key, "Grace")))
                .getJsonObject("result");

        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(error.getString("message")).contains("tool ask_name, not echo");
        assertThat(done.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("Hello, Grace!");
        assertThat(gateway.callsReceived()).doesNotContain("ask_name\tMallory", "echo\thi");
    }
    /**
     * A 2026 server's retry is refused; a session-era server's held call gets an error for its
     * question instead of the answer (the TypeScript SDK server then fails the call).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http-2026", "http-2025"})
    void shouldNotPassACredentialTypedIntoAServersFormToTheServer(String server) {
        String token = "ghp_" + "a1B2c3D4e5".repeat(4);
        JsonObject first = askName(30, server, new JsonObject()).getJsonObject("result");
        String key = first.getJsonObject("inputRequests").fieldNames().iterator().next();

        JsonObject retried = askName(31, server, new JsonObject().put("requestState", first.getString("requestState"))
                .put("inputResponses", answering(key, token)));

        assertThat(retried.encode()).contains("passes no credential to tool server " + server + " in an answer (secrets/github-token found)")
                .doesNotContain("Hello, " + token);
        assertThat(gateway.callsReceived()).noneMatch(call -> call.contains(token));
    }
}
