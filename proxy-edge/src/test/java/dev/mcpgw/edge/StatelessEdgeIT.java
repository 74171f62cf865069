package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpHeaders;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge as a 2026-07-28 server, on the same endpoint as the session era: no session, every
 * request checked against its mirrored headers, results that say what they are and who answered.
 */
class StatelessEdgeIT {
    private static EdgeFixture gateway;
    private static RawMcpHttp raw;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream();
        raw = new RawMcpHttp(gateway.mcpUrl());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static JsonObject result(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonObject("result");
    }

    private static JsonObject call(String tool, JsonObject arguments) {
        return new JsonObject().put("name", tool).put("arguments", arguments);
    }

    /** A tools/call for echo whose headers {@code edit} changes before it is sent. */
    private static HttpResponse<String> echoWithHeaders(java.util.function.Consumer<Map<String, String>> edit) {
        JsonObject request = RawMcpHttp.statelessRequest(5, "tools/call", call("demo__echo", new JsonObject().put("text", "hi")));
        Map<String, String> headers = new HashMap<>(RawMcpHttp.statelessHeaders(request));
        edit.accept(headers);
        return raw.post(request.encode(), headers);
    }

    @Test
    void shouldDiscoverEveryRevisionTheGatewaySpeaksAndItsCapabilities() {
        JsonObject discovered = result(raw.stateless(1, "server/discover", new JsonObject()));

        assertThat(discovered.getJsonArray("supportedVersions")).containsExactly("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26");
        assertThat(discovered.getJsonObject("capabilities").containsKey("tools")).isTrue();
        assertThat(discovered.getJsonObject("_meta").getJsonObject(MetaKeys.SERVER_INFO).getString("name"))
                .isEqualTo("mcp-authorization-gateway");
        assertThat(discovered.getString("resultType")).isEqualTo("complete");
    }

    @Test
    void shouldListToolsInOrderWithCacheHintsWithoutASession() {
        JsonObject listed = result(raw.stateless(2, "tools/list", new JsonObject()));

        // delete_file is denied outright by the policy, so it is not listed; the list is this agent's.
        assertThat(listed.getJsonArray("tools")).extracting(t -> ((JsonObject) t).getString("name"))
                .containsExactly("demo__add", "demo__count_slowly", "demo__echo");
        assertThat(listed.getInteger("ttlMs")).isNotNegative();
        assertThat(listed.getString("cacheScope")).isEqualTo("private");
        assertThat(listed.getString("resultType")).isEqualTo("complete");
    }

    @Test
    void shouldForwardAnAllowedCallAndMarkTheResultComplete() {
        JsonObject result = result(raw.stateless(3, "tools/call", call("demo__add", new JsonObject().put("a", 1).put("b", 2))));

        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("3.0");
        assertThat(result.getString("resultType")).isEqualTo("complete");
        assertThat(result.getJsonObject("_meta").containsKey(MetaKeys.SERVER_INFO)).isTrue();
    }

    @Test
    void shouldRecordTheRequestsRevisionAndTraceInTheIntent() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        raw.stateless(4, "tools/call", call("demo__echo", new JsonObject().put("text", "traced 2026"))
                .put("_meta", new JsonObject().put(MetaKeys.TRACEPARENT, traceparent).put(MetaKeys.TRACESTATE, "vendor=1")));

        List<ConsumerRecord<String, Receipt>> receipts = TopicIO.readUntil(Topics.RECEIPT,
                rs -> rs.stream().anyMatch(r -> r.value().getIntent().getArgumentsJson().contains("traced 2026")), Duration.ofSeconds(30));

        assertThat(receipts).extracting(r -> r.value().getIntent())
                .filteredOn(i -> i.getArgumentsJson().contains("traced 2026")).first()
                .satisfies(intent -> {
                    assertThat(intent.getProtocolVersion()).isEqualTo(ProtocolVersions.V2026_07_28);
                    assertThat(intent.getTraceparent()).isEqualTo(traceparent);
                    assertThat(intent.getTracestate()).isEqualTo("vendor=1");
                });
    }

    @Test
    void shouldRefuseADeniedCallWithoutTheServerSeeingIt() {
        JsonObject result = result(raw.stateless(6, "tools/call", call("demo__delete_file", new JsonObject().put("path", "/2026"))));

        assertThat(result.getBoolean("isError")).isTrue();
        assertThat(result.getString("resultType")).isEqualTo("complete");
        assertThat(gateway.callsReceived()).noneSatisfy(line -> assertThat(line).contains("/2026"));
    }

    @Test
    void shouldStreamProgressOnTheRequestsOwnResponse() {
        HttpResponse<String> response = raw.stateless(7, "tools/call", call("demo__count_slowly", new JsonObject().put("to", 2))
                .put("_meta", new JsonObject().put("progressToken", "p-2026")));

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<JsonObject> events = response.body().lines().filter(l -> l.startsWith("data: ")).map(l -> new JsonObject(l.substring(6))).toList();
        assertThat(events).hasSize(3);
        assertThat(events.subList(0, 2)).allSatisfy(e -> assertThat(e.getJsonObject("params").getString("progressToken")).isEqualTo("p-2026"));
        assertThat(events.get(2).getJsonObject("result").getString("resultType")).isEqualTo("complete");
    }

    @Test
    void shouldRefuseAHeaderThatDisagreesWithTheBodysRevision() {
        HttpResponse<String> response = echoWithHeaders(h -> h.put(McpHeaders.PROTOCOL_VERSION, "2025-11-25"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.HEADER_MISMATCH);
    }

    @Test
    void shouldRefuseAnUnknownRevisionListingTheSupportedOnes() {
        JsonObject request = RawMcpHttp.statelessRequest(8, "tools/list", new JsonObject());
        request.getJsonObject("params").getJsonObject("_meta").put(MetaKeys.PROTOCOL_VERSION, "2099-01-01");
        Map<String, String> headers = new HashMap<>(RawMcpHttp.statelessHeaders(request));
        headers.put(McpHeaders.PROTOCOL_VERSION, "2099-01-01");

        HttpResponse<String> response = raw.post(request.encode(), headers);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(error.getJsonObject("data").getJsonArray("supported")).isEqualTo(new JsonArray(ProtocolVersions.ALL));
        assertThat(error.getJsonObject("data").getString("requested")).isEqualTo("2099-01-01");
    }

    @Test
    void shouldRefuseAToolCallWithoutMcpName() {
        HttpResponse<String> response = echoWithHeaders(h -> h.remove(McpHeaders.NAME));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.HEADER_MISMATCH);
    }

    @Test
    void shouldRefuseAnMcpNameThatNamesAnotherTool() {
        HttpResponse<String> response = echoWithHeaders(h -> h.put(McpHeaders.NAME, "demo__add"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.HEADER_MISMATCH);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message")).contains("demo__add");
    }

    @Test
    void shouldAcceptAnMcpNameInTheBase64Sentinel() {
        HttpResponse<String> response = echoWithHeaders(h -> h.put(McpHeaders.NAME, "=?base64?ZGVtb19fZWNobw==?="));

        assertThat(result(response).getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("hi");
    }

    @Test
    void shouldRefuseAMalformedBase64Sentinel() {
        HttpResponse<String> response = echoWithHeaders(h -> h.put(McpHeaders.NAME, "=?base64?not base64!?="));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.HEADER_MISMATCH);
    }

    @Test
    void shouldRefuseARequestWithoutMcpMethod() {
        HttpResponse<String> response = echoWithHeaders(h -> h.remove(McpHeaders.METHOD));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.HEADER_MISMATCH);
    }

    @Test
    void shouldAnswerAMethodTheRevisionRemovedWithNotFound() {
        HttpResponse<String> response = raw.stateless(9, "ping", new JsonObject());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
    }

    @Test
    void shouldRefuseARequestWithoutClientCapabilities() {
        JsonObject request = RawMcpHttp.statelessRequest(10, "tools/list", new JsonObject());
        request.getJsonObject("params").getJsonObject("_meta").remove(MetaKeys.CLIENT_CAPABILITIES);

        HttpResponse<String> response = raw.post(request.encode(), RawMcpHttp.statelessHeaders(request));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.INVALID_PARAMS);
    }

    @Test
    void shouldRefuseALogLevelThatIsNotOneOfMcpsLevelsWithoutEchoingIt() {
        JsonObject request = RawMcpHttp.statelessRequest(11, "tools/list", new JsonObject());
        request.getJsonObject("params").getJsonObject("_meta").put(MetaKeys.LOG_LEVEL, "verbose\r\nX-Injected: 1");

        HttpResponse<String> response = raw.post(request.encode(), RawMcpHttp.statelessHeaders(request));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(response.body()).doesNotContain("Injected");
    }

    @Test
    void shouldRefuseALogLevelThatIsNotAString() {
        JsonObject request = RawMcpHttp.statelessRequest(12, "tools/list", new JsonObject());
        request.getJsonObject("params").getJsonObject("_meta").put(MetaKeys.LOG_LEVEL, new JsonObject().put("level", "debug"));

        HttpResponse<String> response = raw.post(request.encode(), RawMcpHttp.statelessHeaders(request));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.INVALID_PARAMS);
    }

    @Test
    void shouldStillServeSessionClientsOnTheSameEndpoint() {
        String session = raw.initialize();

        HttpResponse<String> response = raw.post("""
                {"jsonrpc":"2.0","id":11,"method":"tools/list"}""", RawMcpHttp.session(session));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getJsonObject("result").containsKey("resultType")).isFalse();
    }
}
