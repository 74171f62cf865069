package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.testsupport.HttpDemoServer;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK client through the gateway to the demo tools served over Streamable HTTP by the SDK in Tomcat. */
class EdgeHttpDownstreamIT {
    private static HttpDemoServer server;
    private static EdgeFixture gateway;
    private static McpSyncClient client;
    private static final List<LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream(EdgeHttpDownstreamIT::httpDemo);
        client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY, spec -> spec.loggingConsumer(logs::add));
    }

    private static DownstreamSpec httpDemo(Path callLog) {
        try {
            server = new HttpDemoServer(callLog);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new DownstreamSpec("demo", null, null, null, server.url(), Map.of(), "demo");
    }

    @AfterAll
    static void stop() throws Exception {
        client.closeGracefully();
        gateway.close();
        server.close();
    }

    @Test
    void shouldForwardAnAllowedCallToAnHttpServer() {
        CallToolResult result = client.callTool(new CallToolRequest("demo__echo", Map.of("text", "over http")));

        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("over http");
    }

    @Test
    void shouldNotForwardADeniedCallToAnHttpServer() {
        CallToolResult result = client.callTool(new CallToolRequest("demo__delete_file", Map.of("path", "/srv")));

        assertThat(result.isError()).isTrue();
        assertThat(gateway.callsReceived()).noneSatisfy(line -> assertThat(line).startsWith("delete_file"));
    }

    @Test
    void shouldRelayTheLogMessagesOfACallToTheClientThatMadeIt() {
        client.callTool(new CallToolRequest("demo__count_slowly", Map.of("to", 2)));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs)
                .anySatisfy(log -> assertThat(log.data()).isEqualTo("counted to 2")));
    }

    @Test
    void shouldRelayLogMessagesToAStatelessRequestThatNamedALogLevel() {
        HttpResponse<String> response = new RawMcpHttp(gateway.mcpUrl()).stateless(1, "tools/call", countToTwo()
                .put("_meta", new JsonObject().put(MetaKeys.LOG_LEVEL, "info")));

        assertThat(events(response)).anySatisfy(e -> assertThat(e.getString("method")).isEqualTo("notifications/message"));
    }

    @Test
    void shouldKeepLogMessagesFromAStatelessRequestThatNamedNoLevel() {
        HttpResponse<String> response = new RawMcpHttp(gateway.mcpUrl()).stateless(2, "tools/call", countToTwo());

        assertThat(events(response)).noneSatisfy(e -> assertThat(e.getString("method")).isEqualTo("notifications/message"))
                .anySatisfy(e -> assertThat(e.getJsonObject("result").getString("resultType")).isEqualTo("complete"));
    }

    @Test
    void shouldGiveEachClientTheLogMessagesOfItsOwnLevelThoughTheServerSessionIsShared() {
        RawMcpHttp http = new RawMcpHttp(gateway.mcpUrl());
        String chatty = http.initialize();
        String quiet = http.initialize();
        setLevel(http, chatty, "info");
        setLevel(http, quiet, "warning");

        HttpResponse<String> quietCall = http.post(countToTwoRequest(), RawMcpHttp.session(quiet));
        HttpResponse<String> chattyCall = http.post(countToTwoRequest(), RawMcpHttp.session(chatty));

        assertThat(events(quietCall)).noneSatisfy(e -> assertThat(e.getString("method")).isEqualTo("notifications/message"))
                .anySatisfy(e -> assertThat(e.containsKey("result")).isTrue());
        assertThat(events(chattyCall)).anySatisfy(e -> assertThat(e.getJsonObject("params", new JsonObject()).getString("data"))
                .isEqualTo("counted to 2"));
    }

    private static void setLevel(RawMcpHttp http, String session, String level) {
        HttpResponse<String> response = http.post(new JsonObject().put("jsonrpc", "2.0").put("id", "level").put("method", "logging/setLevel")
                .put("params", new JsonObject().put("level", level)).encode(), RawMcpHttp.session(session));
        assertThat(events(response)).singleElement().satisfies(e -> assertThat(e.getJsonObject("result")).isEqualTo(new JsonObject()));
    }

    private static String countToTwoRequest() {
        return new JsonObject().put("jsonrpc", "2.0").put("id", 7).put("method", "tools/call").put("params", countToTwo()).encode();
    }

    private static JsonObject countToTwo() {
        return new JsonObject().put("name", "demo__count_slowly").put("arguments", new JsonObject().put("to", 2));
    }

    /** The messages of a JSON or event-stream answer. */
    private static List<JsonObject> events(HttpResponse<String> response) {
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return List.of(new JsonObject(response.body()));
        }
        return response.body().lines().filter(l -> l.startsWith("data: ")).map(l -> new JsonObject(l.substring(6))).toList();
    }
}
