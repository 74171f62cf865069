package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ErrorCodes;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the edge answers to requests no well-behaved client sends; it must stay up through all of them. */
class EdgeBadInputIT {
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";
    private static EdgeFixture gateway;
    private static RawMcpHttp http;
    private static String session;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withoutDecisionStream(Duration.ofSeconds(1));
        http = new RawMcpHttp(gateway.mcpUrl());
        session = http.initialize();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void shouldAnswer401WithAJsonRpcErrorWhenNoApiKeyIsSent() {
        HttpResponse<String> response = http.post(PING, Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.UNAUTHORIZED);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void shouldRefuseAStrangerBeforeReadingTheBodyItAnnounces() throws IOException {
        try (Socket socket = http.announceBody(1000, Map.of())) {
            socket.setSoTimeout(5000);
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();

            assertThat(statusLine).isEqualTo("HTTP/1.1 401 Unauthorized");
        }
    }

    @Test
    void shouldAnswer401WhenTheApiKeyIsUnknown() {
        HttpResponse<String> response = http.post(PING, Map.of("Authorization", "Bearer not-a-key"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswerParseErrorWhenTheBodyIsNotJson() {
        HttpResponse<String> response = http.post("{\"jsonrpc\": \"2.0\", \"id\": 1,", RawMcpHttp.session(session));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.PARSE_ERROR);
    }

    @Test
    void shouldAnswerInvalidRequestWhenTheJsonRpcVersionIsWrong() {
        HttpResponse<String> response = http.post("{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"ping\"}", RawMcpHttp.session(session));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(new JsonObject(response.body()).getInteger("id")).isEqualTo(3);
    }

    @Test
    void shouldAnswerMethodNotFoundForAnUnknownMethod() {
        HttpResponse<String> response = http.post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/explode\"}", RawMcpHttp.session(session));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
    }

    @Test
    void shouldAnswerInvalidParamsForAnUnknownToolWithoutProposingIt() {
        HttpResponse<String> response = http.post("""
                {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"demo__nope","arguments":{}}}""",
                RawMcpHttp.session(session));

        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message")).isEqualTo("Unknown tool: demo__nope");
    }

    @Test
    void shouldAnswer413WhenTheBodyIsTooLarge() {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(128 * 1024) + "\"}}";

        HttpResponse<String> response = http.post(huge, RawMcpHttp.session(session));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message")).contains("limits.maxBodyBytes");
    }

    @Test
    void shouldAnswer404ForAnUnknownSession() {
        HttpResponse<String> response = http.post(PING, RawMcpHttp.session("0123456789abcdef"));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer400WhenTheSessionHeaderIsMissing() {
        HttpResponse<String> response = http.post(PING, RawMcpHttp.auth());

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRejectAnUnsupportedProtocolVersionHeader() {
        HttpResponse<String> response = http.post(PING, Map.of("Authorization", "Bearer " + EdgeFixture.ALICE_KEY,
                "Mcp-Session-Id", session, "MCP-Protocol-Version", "1999-01-01"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION);
    }

    @Test
    void shouldRefuseABrowserOriginThatIsNotAllowedOnAStatelessRequest() {
        JsonObject request = RawMcpHttp.statelessRequest(1, "tools/list", new JsonObject());
        Map<String, String> headers = new HashMap<>(RawMcpHttp.statelessHeaders(request));
        headers.put("Origin", "https://evil.example");

        HttpResponse<String> response = http.post(request.encode(), headers);

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRefuseABrowserOriginThatIsNotAllowed() {
        HttpResponse<String> response = http.post(PING, Map.of("Authorization", "Bearer " + EdgeFixture.ALICE_KEY,
                "Mcp-Session-Id", session, "Origin", "https://evil.example"));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldStayUpAndAnswerPingAfterBadInput() {
        http.post("not json at all", RawMcpHttp.session(session));
        http.post("[]", RawMcpHttp.session(session));

        HttpResponse<String> response = http.post(PING, RawMcpHttp.session(session));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getJsonObject("result")).isEqualTo(new JsonObject());
    }
}
