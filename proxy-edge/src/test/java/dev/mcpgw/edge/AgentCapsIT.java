package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.limits.AgentCaps;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each agent's caps on sessions, streams and requests in flight, through the edge, the broker, the
 * decision stream and the demo server: past a cap the agent gets 429 with Retry-After and a
 * JSON-RPC error, and the other agent goes on being served.
 */
class AgentCapsIT {
    private static final AgentCaps CAPS = new AgentCaps(3, 1, 4, Duration.ofMinutes(30));
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
    private static EdgeFixture gateway;
    private static RawMcpHttp http;
    private final List<Map<String, String>> opened = new ArrayList<>();

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream(EdgeFixture.LIMITS, CAPS);
        http = new RawMcpHttp(gateway.mcpUrl());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void endOpenedSessions() {
        opened.forEach(http::delete);
    }

    private static Map<String, String> key(String apiKey) {
        return Map.of("Authorization", "Bearer " + apiKey);
    }

    private HttpResponse<String> initialize(String apiKey) {
        HttpResponse<String> response = http.post(INITIALIZE, key(apiKey));
        response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> opened.add(Map.of("Authorization", "Bearer " + apiKey,
                "Mcp-Session-Id", id)));
        return response;
    }

    private String aliceSession() {
        return initialize(EdgeFixture.ALICE_KEY).headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    /** Opens a session's standalone stream (GET) and returns once its status is known; closing the body closes the stream. */
    private static HttpResponse<InputStream> openStream(String session) throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(gateway.mcpUrl())).header("Accept", "text/event-stream").GET();
        RawMcpHttp.session(session).forEach(get::header);
        return HttpClient.newHttpClient().sendAsync(get.build(), HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
    }

    private static int ping(String session) {
        return http.post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}", RawMcpHttp.session(session)).statusCode();
    }

    /** Alice's count_slowly in her session {@code session}, counting to 50 every 20 ms; {@code marker} shows in the server's call log. */
    private static CompletableFuture<HttpResponse<String>> countSlowlyIn(String session, String marker) {
        String call = new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/call").put("params", new JsonObject()
                .put("name", "demo__count_slowly").put("arguments", new JsonObject().put("to", 50).put("marker", marker))).encode();
        return http.postAsync(call, RawMcpHttp.session(session));
    }

    /** Alice's count_slowly, in 2026-07-28 form (no session), counting to {@code to} every 20 ms; {@code marker} shows in the server's call log. */
    private static CompletableFuture<HttpResponse<String>> aliceCountsSlowly(int to, String marker) {
        JsonObject request = RawMcpHttp.statelessRequest(UUID.randomUUID().toString(), "tools/call", new JsonObject()
                .put("name", "demo__count_slowly").put("arguments", new JsonObject().put("to", to).put("marker", marker)));
        return http.postAsync(request.encode(), RawMcpHttp.statelessHeaders(request));
    }

    private static void assertTooManyRequests(HttpResponse<String> response, String key) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.TOO_MANY_REQUESTS);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message")).contains(key);
    }

    @Test
    void shouldEndTheAgentsLeastRecentlyUsedIdleSessionToOpenOneMoreAtItsCap() {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < CAPS.sessions(); i++) {
            sessions.add(aliceSession());
        }
        ping(sessions.get(0));

        assertThat(initialize(EdgeFixture.ALICE_KEY).statusCode()).isEqualTo(200);

        assertThat(ping(sessions.get(1))).isEqualTo(404);
        assertThat(ping(sessions.get(0))).isEqualTo(200);
        assertThat(ping(sessions.get(2))).isEqualTo(200);
    }

    @Test
    void shouldAnswer429WithRetryAfterToAnAgentAtItsSessionCapWhoseSessionsAreAllInUse() {
        String marker = "busy-" + UUID.randomUUID();
        List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
        for (int i = 0; i < CAPS.sessions(); i++) {
            running.add(countSlowlyIn(aliceSession(), marker));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.callsReceived().stream().filter(l -> l.contains(marker)).count()
                == CAPS.sessions());

        HttpResponse<String> over = initialize(EdgeFixture.ALICE_KEY);

        assertTooManyRequests(over, "limits.sessionsPerAgent");
        assertThat(new JsonObject(over.body()).getInteger("id")).isEqualTo(1);
        assertThat(running).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
    }

    @Test
    void shouldNotCountOneAgentsSessionsAgainstAnother() {
        for (int i = 0; i < CAPS.sessions(); i++) {
            initialize(EdgeFixture.ALICE_KEY);
        }

        assertThat(initialize(EdgeFixture.BOB_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer429ToAnAgentOpeningMoreStreamsThanItsCapUntilOneCloses() throws Exception {
        String first = aliceSession();
        String second = aliceSession();
        HttpResponse<InputStream> open = openStream(first);
        assertThat(open.statusCode()).isEqualTo(200);

        HttpResponse<InputStream> over = openStream(second);

        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(new JsonObject(new String(over.body().readAllBytes())).getJsonObject("error").getInteger("code"))
                .isEqualTo(ErrorCodes.TOO_MANY_REQUESTS);
        open.body().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<InputStream> again = openStream(second);
            again.body().close();
            return again.statusCode() == 200;
        });
    }

    @Test
    void shouldLetAClientReopenItsSessionsStreamOnceItClosedIt() throws Exception {
        String session = aliceSession();
        openStream(session).body().close();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<InputStream> again = openStream(session);
            again.body().close();
            return again.statusCode() == 200;
        });
    }

    @Test
    void shouldAnswer429ToAnAgentWithMoreCallsInFlightThanItsCap() {
        String marker = "in-flight-" + UUID.randomUUID();
        List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
        for (int i = 0; i < CAPS.callsInFlight(); i++) {
            running.add(aliceCountsSlowly(100, marker));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.callsReceived().stream().filter(l -> l.contains(marker)).count()
                == CAPS.callsInFlight());

        HttpResponse<String> over = aliceCountsSlowly(1, marker).join();

        assertTooManyRequests(over, "limits.callsInFlightPerAgent");
        assertThat(running).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
    }

    @Test
    void shouldDecideAnotherAgentsCallsWhileOneAgentFloods() throws Exception {
        List<HttpResponse<String>> flood = new CopyOnWriteArrayList<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        CompletableFuture<Void> flooder = CompletableFuture.runAsync(() -> {
            while (flooding.get()) {
                List<CompletableFuture<HttpResponse<String>>> wave = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    wave.add(aliceCountsSlowly(5, "flood"));
                }
                wave.forEach(call -> flood.add(call.join()));
            }
        });
        McpSyncClient bob = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.BOB_KEY);
        List<String> answers = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> flood.stream().anyMatch(r -> r.statusCode() == 429));
            for (int i = 0; i < 5; i++) {
                answers.add(((TextContent) bob.callTool(new CallToolRequest("demo__echo", Map.of("text", "bob " + i))).content().get(0)).text());
            }
        } finally {
            flooding.set(false);
            flooder.get(60, TimeUnit.SECONDS);
            bob.closeGracefully();
        }

        assertThat(answers).containsExactly("bob 0", "bob 1", "bob 2", "bob 3", "bob 4");
        assertThat(flood).filteredOn(r -> r.statusCode() == 429)
                .isNotEmpty()
                .allSatisfy(r -> assertTooManyRequests(r, "limits.callsInFlightPerAgent"));
        assertThat(flood).filteredOn(r -> r.statusCode() == 200).isNotEmpty();
    }
}
