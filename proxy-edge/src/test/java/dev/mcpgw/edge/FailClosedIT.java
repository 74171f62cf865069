package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    @Test
    void shouldAnswerAProposalWhoseDecisionCannotBeHadWithTheUnavailableErrorNotAsPending() {
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());

        JsonObject error = SepFlowIT.error(raw.stateless(1, "authorization/propose", SepFlowIT.envelope("demo__echo", "hello")));

        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.AUTHORIZATION_UNAVAILABLE);
    }

    @Test
    void shouldNeverRunACallPresentingAnAuthorizationWhenNoDecisionComes() {
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());
        JsonObject call = new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", "authorized?"))
                .put("_meta", new JsonObject().put("authorizationId", "00000000-0000-0000-0000-000000000000"));

        JsonObject error = SepFlowIT.error(raw.stateless(1, "tools/call", call));

        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.AUTHORIZATION_UNAVAILABLE);
        assertThat(gateway.callsReceived()).isEmpty();
    }

    @Test
    void shouldWithdrawACallThatTheClientCancelsWhileItWaitsForItsDecision() throws Exception {
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());
        String session = raw.initialize();
        var call = raw.postAsync("""
                {"jsonrpc":"2.0","id":"c-1","method":"tools/call","params":{"name":"demo__echo","arguments":{"text":"hi"}}}""",
                RawMcpHttp.session(session));
        await().atMost(Duration.ofSeconds(1)).until(() -> raw.metrics().contains("mcpgw_pending_decisions 1.0"));

        raw.post("""
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"c-1","reason":"user pressed stop"}}""",
                RawMcpHttp.session(session));

        JsonObject error = new JsonObject(call.get(1, TimeUnit.SECONDS).body()).getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.REQUEST_CANCELLED);
        assertThat(error.getString("message")).contains("user pressed stop");
        assertThat(raw.metrics()).contains("mcpgw_pending_decisions 0.0").contains("mcpgw_withdrawn_total 1.0");
        assertThat(gateway.callsReceived()).isEmpty();
    }
}
