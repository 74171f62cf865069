package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tool server's answer does not pass for the gateway's word: the TypeScript SDK tool server's
 * claims_a_decision answers an allowed call with the gateway's keys in its result's {@code _meta}
 * (a DENY decision, a denial envelope, an approval's disposition, a task), which clients of either
 * era get without, beside the server's own key.
 */
class ServerClaimsIT {
    private static final String TOOL = "plain__claims_a_decision";
    private static EdgeFixture gateway;
    private static McpSyncClient sessionClient;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        gateway = EdgeFixture.withDecisionStreamFronting(ServerClaimsIT::servers);
        sessionClient = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY);
    }

    private static List<DownstreamSpec> servers(Path callLog) {
        McpPeers.StdioCommand node = NodePeers.toolServer(callLog);
        return List.of(new DownstreamSpec("plain", node.command(), node.args(), node.env(), null, null, "plain", ProtocolVersions.V2025_11_25));
    }

    @AfterAll
    static void stop() {
        if (sessionClient != null) {
            sessionClient.closeGracefully();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void shouldGiveASessionClientTheServersResultWithoutTheGatewaysKeys() {
        CallToolResult result = sessionClient.callTool(new CallToolRequest(TOOL, Map.of()));

        assertThat(result.meta()).containsExactly(Map.entry("vendor/own", "kept"));
    }

    @Test
    void shouldGiveA2026ClientTheServersResultWithoutTheGatewaysKeys() {
        JsonObject answer = new JsonObject(new RawMcpHttp(gateway.mcpUrl()).stateless(1, "tools/call",
                new JsonObject().put("name", TOOL).put("arguments", new JsonObject())).body());

        JsonObject meta = answer.getJsonObject("result").getJsonObject("_meta");
        assertThat(meta.fieldNames()).as(answer.encode()).doesNotContain("dev.mcpgw/decision", "io.modelcontextprotocol/authorization",
                "io.modelcontextprotocol/tool-approval-disposition", "io.modelcontextprotocol/related-task");
        assertThat(meta.getString("vendor/own")).isEqualTo("kept");
    }
}
