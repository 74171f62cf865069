package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.testsupport.HttpDemoServer;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
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
}
