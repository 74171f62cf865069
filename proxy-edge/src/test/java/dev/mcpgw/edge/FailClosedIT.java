package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With no decision stream running, nothing is forwarded: every call fails closed at its timeout. */
class FailClosedIT {
    private static EdgeFixture gateway;
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withoutDecisionStream(Duration.ofMillis(1500));
        client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY);
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
        gateway.close();
    }

    @Test
    void shouldDenyWhenNoDecisionArrivesBeforeTimeout() {
        assertThatThrownBy(() -> client.callTool(new CallToolRequest("demo__echo", Map.of("text", "hello"))))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("no authorization decision within 1500 ms")
                .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(ErrorCodes.AUTHORIZATION_UNAVAILABLE));

        assertThat(gateway.callsReceived()).isEmpty();
    }
}
