package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A stdio tool server whose process dies behind a running gateway is started again; clients carry on. */
class ToolServerRestartIT {
    private static EdgeFixture gateway;
    private static ProcessHandle toolServer;

    @BeforeAll
    static void start() {
        Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        gateway = EdgeFixture.withDecisionStream();
        toolServer = ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void shouldServeCallsAgainOnceItsKilledToolServerIsRestarted() {
        McpSyncClient client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY, spec -> spec);
        RawMcpHttp http = new RawMcpHttp(gateway.mcpUrl());

        toolServer.destroyForcibly();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.metrics().contains("mcpgw_tool_server_restarts_total{server=\"demo\"} 1.0"));
        CallToolResult result = client.callTool(new CallToolRequest("demo__add", Map.of("a", 20, "b", 22)));

        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("42.0");
        assertThat(http.metrics()).contains("mcpgw_tool_server_up{server=\"demo\"} 1.0");
        assertThat(http.health()).contains("\"toolServers\":{\"demo\":\"UP\"}");
        client.closeGracefully();
    }
}
