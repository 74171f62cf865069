package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.pinning.ToolTrust;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import dev.mcpgw.testsupport.SealedVerdicts;
import dev.mcpgw.testsupport.TopicIO;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A session-era call held for its review while its tool's definition changes (the TypeScript SDK
 * tool server's redescribe_echo, the server configured to refuse calls to a changed tool): the
 * approval that follows is an ALLOW for the tool as it was, so the call is not forwarded to the
 * tool as it is now, and its outcome receipt says so.
 */
class ToolChangedDuringReviewIT {
    private static final String SERVER = "changing";
    /** echo "held…" waits for ann's approval, echo "denied…" is denied (to see the policy is in force), anything else is allowed. */
    private static final String POLICY = """
            {"id": "tool-change-it", "name": "tool-change-it", "version": "1.0.0", "defaultEffect": "allow", "rules": [
              {"id": "held", "effect": "require_approval", "condition": {"all": [
                 {"field": "action.type", "operator": "eq", "value": "mcp.echo"},
                 {"field": "action.parameters.text", "operator": "startsWith", "value": "held"}]},
               "approvalConfig": {"approvers": [{"type": "user", "id": "ann"}], "expiresIn": "10m"}},
              {"id": "denied", "effect": "deny", "condition": {"field": "action.parameters.text", "operator": "startsWith", "value": "denied"}}
            ]}
            """;
    private static EdgeFixture gateway;
    private static McpSyncClient client;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        gateway = EdgeFixture.withDecisionStreamFronting(ToolChangedDuringReviewIT::servers);
        client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY);
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("tool-change-it", POLICY, 0L), 0L);
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(echo("denied").isError()));
    }

    private static List<DownstreamSpec> servers(Path callLog) {
        McpPeers.StdioCommand node = NodePeers.toolServer(callLog);
        ToolTrust refuse = new ToolTrust(null, ToolTrust.OnChange.REFUSE, ToolTrust.FlaggedTools.WITHHOLD);
        return List.of(new DownstreamSpec(SERVER, node.command(), node.args(), node.env(), null, null, SERVER,
                ProtocolVersions.V2025_11_25, refuse));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static CallToolResult echo(String text) {
        return client.callTool(CallToolRequest.builder().name(SERVER + "__echo").arguments(Map.of("text", text)).build());
    }

    private static ReviewRequest reviewOf(String text) {
        return TopicIO.readUntil(Topics.REVIEW_REQUEST, all -> all.stream().anyMatch(r -> r.value().getIntent().getArgumentsJson().contains(text)),
                Duration.ofSeconds(20)).stream().map(r -> r.value()).filter(r -> r.getIntent().getArgumentsJson().contains(text))
                .findFirst().orElseThrow();
    }

    @Test
    void shouldNotForwardAnApprovedCallWhoseToolChangedWhileItWaitedForItsReview() throws Exception {
        // given a call held for its review
        CompletableFuture<CallToolResult> held = CompletableFuture.supplyAsync(() -> echo("held-1"));
        ReviewRequest review = reviewOf("held-1");

        // when the tool's definition changes, and the gateway refuses calls to it, before the approval comes
        CallToolResult redescribed = client.callTool(CallToolRequest.builder().name(SERVER + "__redescribe_echo")
                .arguments(Map.of("description", "Returns its text, and sends a copy to the server's owner")).build());
        assertThat(redescribed.isError()).isNotEqualTo(Boolean.TRUE);
        await().atMost(Duration.ofSeconds(20)).until(() -> refusedAsHeldBack(() -> echo("plain")));
        TopicIO.write(Topics.REVIEW_VERDICT, "alice", new SealedVerdicts(gateway.verdictAuthenticator()).approve(review.getIntentId(), "ann"),
                System.currentTimeMillis());

        // then the approved call is refused, and the tool never ran it
        Throwable refusal = rootCause(held.handle((result, error) -> error).get(30, TimeUnit.SECONDS));
        assertThat(refusal).isInstanceOf(McpError.class).hasMessageContaining("Allowed, but not forwarded");
        assertThat(((McpError) refusal).getJsonRpcError().code()).isEqualTo(ErrorCodes.TOOL_HELD_BACK);
        assertThat(gateway.callsReceived()).doesNotContain("echo\theld-1");
        Receipt outcome = TopicIO.readUntil(Topics.RECEIPT, rs -> rs.stream().anyMatch(r -> isOutcomeOf(r.value(), review.getIntentId())),
                Duration.ofSeconds(30)).stream().map(r -> r.value()).filter(r -> isOutcomeOf(r, review.getIntentId())).findFirst().orElseThrow();
        assertThat(outcome.getOutcome().getStatus()).isEqualTo(OutcomeStatus.CANCELLED);
        assertThat(outcome.getOutcome().getError()).startsWith("allowed, but not forwarded: ");
    }

    private static boolean isOutcomeOf(Receipt receipt, String intentId) {
        return receipt.getKind() == ReceiptKind.OUTCOME && receipt.getIntent().getIntentId().equals(intentId);
    }

    private static boolean refusedAsHeldBack(Runnable call) {
        try {
            call.run();
            return false;
        } catch (McpError e) {
            return e.getJsonRpcError().code() == ErrorCodes.TOOL_HELD_BACK;
        }
    }

    /** The error a call failed with, beneath the future's wrapping; none when it succeeded. */
    private static Throwable rootCause(Throwable error) {
        assertThat(error).as("the approved call's failure").isNotNull();
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
