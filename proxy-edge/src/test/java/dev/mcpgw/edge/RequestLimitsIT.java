package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.limits.AgentCaps;
import dev.mcpgw.edge.limits.RequestLimits;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.TopicIO;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls past the request limits, from the MCP Java SDK client and raw HTTP, through the edge, the
 * broker and the decision stream to the demo SDK server over stdio (the server an argument nested
 * 500 deep once stopped for every agent).
 */
class RequestLimitsIT {
    private static final RequestLimits LIMITS = new RequestLimits(64 * 1024, 64, 4096, 16 * 1024);
    private static EdgeFixture gateway;
    private static McpSyncClient alice;
    private static McpSyncClient bob;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream(LIMITS, AgentCaps.DEFAULTS);
        alice = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY);
        bob = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.BOB_KEY);
    }

    @AfterAll
    static void stop() {
        alice.closeGracefully();
        bob.closeGracefully();
        gateway.close();
    }

    /**
     * Alice's echo call with {@code marker} as its text and an extra argument of objects nested
     * {@code levels} deep, sent raw (the SDK client will not write 500 levels).
     */
    private static HttpResponse<String> echoNested(String marker, int levels) {
        RawMcpHttp http = new RawMcpHttp(gateway.mcpUrl());
        String body = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"demo__echo\",\"arguments\":"
                + "{\"text\":\"" + marker + "\",\"extra\":" + "{\"deeper\":".repeat(levels - 1) + "{\"bottom\":true}" + "}".repeat(levels - 1)
                + "}}}";
        return http.post(body, RawMcpHttp.session(http.initialize()));
    }

    private static String errorMessage(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("message");
    }

    private static String echo(McpSyncClient client, String text) {
        CallToolResult result = client.callTool(new CallToolRequest("demo__echo", Map.of("text", text)));
        return ((TextContent) result.content().get(0)).text();
    }

    @Test
    void shouldRefuseAnArgumentNestedFiveHundredDeepWithAnErrorNamingTheLimit() {
        HttpResponse<String> response = echoNested("deep-" + UUID.randomUUID(), 500);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getInteger("id")).isEqualTo(5);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(errorMessage(response)).contains("nest deeper than 64 levels").contains("limits.maxDepth");
    }

    @Test
    void shouldNeitherProposeNorForwardACallNestedTooDeep() {
        String refused = "deep-" + UUID.randomUUID();
        assertThat(RawMcpHttp.errorCode(echoNested(refused, 500))).isEqualTo(ErrorCodes.INVALID_PARAMS);
        String after = "after-" + UUID.randomUUID();
        echo(alice, after);

        // One agent's intents share a partition in order: once the later call's intent is there, an earlier one would be too.
        List<ConsumerRecord<String, Intent>> intents = TopicIO.readUntil(Topics.PROPOSE,
                rs -> rs.stream().anyMatch(r -> r.value().getArgumentsJson().contains(after)), Duration.ofSeconds(10));
        assertThat(intents).anyMatch(r -> r.value().getArgumentsJson().contains(after))
                .noneMatch(r -> r.value().getArgumentsJson().contains(refused));
        assertThat(gateway.callsReceived()).noneMatch(line -> line.contains(refused));
    }

    @Test
    void shouldKeepTheServerAnsweringAnotherAgentAfterACallNestedTooDeep() {
        assertThat(RawMcpHttp.errorCode(echoNested("deep-" + UUID.randomUUID(), 500))).isEqualTo(ErrorCodes.INVALID_PARAMS);

        assertThat(echo(bob, "still served")).isEqualTo("still served");
    }

    @Test
    void shouldForwardAnArgumentNestedExactlyToTheLimit() {
        // params is level 1 and arguments level 2, so "extra" may hold 62 levels.
        HttpResponse<String> response = echoNested("at the limit", 62);

        assertThat(new JsonObject(response.body()).getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("at the limit");
    }

    @Test
    void shouldRefuseArgumentsOverTheirByteLimitWithAnErrorNamingTheLimit() {
        Map<String, Object> bulky = Map.of("text", "a".repeat(4000), "b", "b".repeat(4000), "c", "c".repeat(4000),
                "d", "d".repeat(4000), "e", "e".repeat(4000));

        assertThatThrownBy(() -> alice.callTool(new CallToolRequest("demo__echo", bulky)))
                .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getMessage()).contains("limits.maxArgumentsBytes"));
    }

    @Test
    void shouldRefuseALongStringInARequestThatIsNotAToolCall() {
        RawMcpHttp http = new RawMcpHttp(gateway.mcpUrl());
        String session = http.initialize();

        HttpResponse<String> response = http.post(new JsonObject().put("jsonrpc", "2.0").put("id", 9).put("method", "resources/read")
                .put("params", new JsonObject().put("uri", "file:///" + "u".repeat(5000))).encode(), RawMcpHttp.session(session));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getInteger("id")).isEqualTo(9);
        assertThat(errorMessage(response)).contains("params.uri").contains("limits.maxStringLength");
    }

    @Test
    void shouldSayABodyNestedPastWhatTheParserReadsIsTooDeep() {
        RawMcpHttp http = new RawMcpHttp(gateway.mcpUrl());
        String session = http.initialize();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"demo__echo\",\"arguments\":{\"x\":"
                + "[".repeat(1500) + "]".repeat(1500) + "}}}";

        HttpResponse<String> response = http.post(body, RawMcpHttp.session(session));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(errorMessage(response)).contains("levels deep").doesNotContain("not valid JSON");
    }
}
