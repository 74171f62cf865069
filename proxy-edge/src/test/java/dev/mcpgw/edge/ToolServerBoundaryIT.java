package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What crosses between an agent and a tool server beside the call the policy allowed. The server
 * gets what the policy decided and MCP defines, not whatever else an agent put in the request: the
 * TypeScript SDK tool server's called_with returns the params its stdio transport received. And its
 * answer does not pass for the gateway's word: its claims_a_decision answers with the gateway's
 * keys in its result's {@code _meta} (a DENY decision, a denial envelope, an approval's
 * disposition, a task), which clients of either era get without, beside the server's own key.
 * Nor may it ask the client what its config does not let it ask: neither may ask for elicitation.
 * "plain" speaks 2025-11-25 and may ask only for roots, "open" 2026-07-28, may ask only for
 * sampling and is sent one vendor key of {@code _meta}.
 */
class ToolServerBoundaryIT {
    private static final String SECRET_KEY = "vendor/credential";
    private static final String SECRET = "sk-live-4f9a8c7d6e5b4a3f2e1d";
    private static final String PASSED_KEY = "vendor/locale";
    private static EdgeFixture gateway;
    private static McpSyncClient sessionClient;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        gateway = EdgeFixture.withDecisionStreamFronting(ToolServerBoundaryIT::servers);
        sessionClient = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY);
    }

    private static List<DownstreamSpec> servers(Path callLog) {
        McpPeers.StdioCommand node = NodePeers.toolServer(callLog);
        return List.of(
                new DownstreamSpec("plain", node.command(), node.args(), node.env(), null, null, "plain", ProtocolVersions.V2025_11_25)
                        .withClientRequests(Set.of("roots")),
                new DownstreamSpec("open", node.command(), node.args(), node.env(), null, null, "open", ProtocolVersions.V2026_07_28)
                        .withForwardMeta(Set.of(PASSED_KEY)).withClientRequests(Set.of("sampling")));
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

    /** What the server said its call's params were, for a 2026-07-28 request made with {@code params}. */
    private static JsonObject statelessCall(JsonObject params) {
        JsonObject answer = new JsonObject(new RawMcpHttp(gateway.mcpUrl()).stateless(1, "tools/call", params).body());
        assertThat(answer.getJsonObject("result")).as(answer.encode()).isNotNull();
        return new JsonObject(answer.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void shouldNotSendTheServerMetaKeysOfASessionClientsCallThatNothingDecided() {
        CallToolResult result = sessionClient.callTool(new CallToolRequest("plain__called_with", Map.of(),
                Map.of(SECRET_KEY, SECRET, PASSED_KEY, "fr")));

        JsonObject received = new JsonObject(((TextContent) result.content().get(0)).text());
        assertThat(received.getString("name")).isEqualTo("called_with");
        assertThat(received.encode()).doesNotContain(SECRET).doesNotContain(PASSED_KEY);
    }

    @Test
    void shouldNotSendTheServerParamsFieldsMcpDoesNotDefine() {
        JsonObject received = statelessCall(new JsonObject().put("name", "open__called_with").put("arguments", new JsonObject())
                .put("smuggled", new JsonObject().put("token", SECRET)));

        assertThat(received.fieldNames()).containsExactlyInAnyOrder("name", "arguments", "_meta");
        assertThat(received.encode()).doesNotContain(SECRET);
    }

    @Test
    void shouldSendOnlyTheMetaKeysTheServersConfigLetsThrough() {
        JsonObject received = statelessCall(new JsonObject().put("name", "open__called_with").put("arguments", new JsonObject())
                .put("_meta", new JsonObject().put(SECRET_KEY, SECRET).put(PASSED_KEY, "fr")));

        JsonObject meta = received.getJsonObject("_meta");
        assertThat(meta.getString(PASSED_KEY)).isEqualTo("fr");
        assertThat(meta.containsKey(SECRET_KEY)).isFalse();
        assertThat(meta.getString(MetaKeys.PROTOCOL_VERSION)).isEqualTo(ProtocolVersions.V2026_07_28);
    }

    @Test
    void shouldNotSendTheServerATraceContextThatIsNotOne() {
        JsonObject received = statelessCall(new JsonObject().put("name", "plain__called_with").put("arguments", new JsonObject())
                .put("_meta", new JsonObject().put(MetaKeys.TRACEPARENT, "00-" + SECRET).put(MetaKeys.TRACESTATE, "v=" + SECRET)));

        assertThat(received.encode()).doesNotContain(SECRET);
    }

    @Test
    void shouldStillSendTheServerAWellFormedTraceContext() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        JsonObject received = statelessCall(new JsonObject().put("name", "plain__called_with").put("arguments", new JsonObject())
                .put("_meta", new JsonObject().put(MetaKeys.TRACEPARENT, traceparent).put(MetaKeys.TRACESTATE, "vendor=opaque")));

        assertThat(received.getJsonObject("_meta").getString(MetaKeys.TRACEPARENT)).isEqualTo(traceparent);
        assertThat(received.getJsonObject("_meta").getString(MetaKeys.TRACESTATE)).isEqualTo("vendor=opaque");
    }

    @Test
    void shouldGiveASessionClientTheServersResultWithoutTheGatewaysKeys() {
        CallToolResult result = sessionClient.callTool(new CallToolRequest("plain__claims_a_decision", Map.of()));

        assertThat(result.meta()).containsExactly(Map.entry("vendor/own", "kept"));
    }

    @Test
    void shouldGiveA2026ClientTheServersResultWithoutTheGatewaysKeys() {
        JsonObject answer = new JsonObject(new RawMcpHttp(gateway.mcpUrl()).stateless(1, "tools/call",
                new JsonObject().put("name", "plain__claims_a_decision").put("arguments", new JsonObject())).body());

        JsonObject meta = answer.getJsonObject("result").getJsonObject("_meta");
        assertThat(meta.fieldNames()).as(answer.encode()).doesNotContain("dev.mcpgw/decision", "io.modelcontextprotocol/authorization",
                "io.modelcontextprotocol/tool-approval-disposition", "io.modelcontextprotocol/related-task");
        assertThat(meta.getString("vendor/own")).isEqualTo("kept");
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @CsvSource({"legacy, plain", "legacy, open", "2026, plain", "2026, open"})
    void shouldNotLetAServerAskTheClientWhatItsConfigDoesNot(String era, String server) {
        JsonObject answer = new JsonObject(NodePeers.client(gateway.mcpUrl(), EdgeFixture.ALICE_KEY, era, "call", server + "__ask_name", "{}"));

        assertThat(answer.getInteger("elicitations")).as(answer.encode()).isZero();
        assertThat(answer.containsKey("error") || answer.getJsonObject("result").getBoolean("isError", false)).as(answer.encode()).isTrue();
        assertThat(answer.encode()).contains("elicitation/create").contains("declare");
    }
}
