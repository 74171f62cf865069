package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client's cancellation (notifications/cancelled in a session, closing the response stream in
 * 2026-07-28) reaches the tool server running the call. The server is the
 * TypeScript SDK's (the Java SDK's server ignores cancellation), so this needs Node.
 */
class CancellationIT {
    private static EdgeFixture gateway;
    private static RawMcpHttp raw;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        gateway = EdgeFixture.withDecisionStream(CancellationIT::nodeToolServer);
        raw = new RawMcpHttp(gateway.mcpUrl());
    }

    private static DownstreamSpec nodeToolServer(Path callLog) {
        McpPeers.StdioCommand server = NodePeers.toolServer(callLog);
        return new DownstreamSpec("demo", server.command(), server.args(), server.env(), null, null, "demo");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static long count(String line) {
        return gateway.callsReceived().stream().filter(line::equals).count();
    }

    /** Calls wait_for_cancel as request {@code id} of {@code session}, and returns once the tool server runs it. */
    private static CompletableFuture<HttpResponse<String>> startWaiting(String session, int id, int seconds) {
        long started = count("wait_for_cancel\tcalled");
        var call = raw.postAsync("""
                {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"demo__wait_for_cancel","arguments":{"seconds":%d}}}"""
                .formatted(id, seconds), RawMcpHttp.session(session));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("wait_for_cancel\tcalled") > started);
        return call;
    }

    private static void cancel(String session, int id, String reason) {
        raw.post("""
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":%d,"reason":"%s"}}""".formatted(id, reason),
                RawMcpHttp.session(session));
    }

    @Test
    void shouldCancelTheCallOnTheToolServerWhenTheClientCancelsIt() throws Exception {
        String session = raw.initialize();
        var call = startWaiting(session, 41, 20);

        cancel(session, 41, "no longer needed");

        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.callsReceived().contains("wait_for_cancel\tcancelled"));
        JsonObject error = new JsonObject(call.get(5, TimeUnit.SECONDS).body()).getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.REQUEST_CANCELLED);
    }

    @Test
    void shouldRecordTheCancelledCallsOutcome() throws Exception {
        String session = raw.initialize();
        var call = startWaiting(session, 43, 30);

        cancel(session, 43, "changed my mind");
        call.get(10, TimeUnit.SECONDS);

        var receipts = TopicIO.readUntil(Topics.RECEIPT, rs -> rs.stream().anyMatch(r -> isOutcomeOfWait(r.value(), 30)),
                Duration.ofSeconds(30));
        assertThat(receipts).extracting(ConsumerRecord::value).filteredOn(r -> isOutcomeOfWait(r, 30))
                .singleElement().satisfies(r -> {
                    assertThat(r.getOutcome().getStatus()).isEqualTo(OutcomeStatus.CANCELLED);
                    assertThat(r.getOutcome().getError()).contains("changed my mind");
                });
    }

    @Test
    void shouldPassNoCredentialInAClientsCancellationReasonToTheServerOrTheTrail() throws Exception {
        String session = raw.initialize();
        var call = startWaiting(session, 45, 35);

        cancel(session, 45, "leaked AKIAIOSFODNN7EXAMPLE");
        call.get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.callsReceived().stream().anyMatch(line -> line.startsWith("wait_for_cancel\treason\t")));
        assertThat(gateway.callsReceived()).contains("wait_for_cancel\treason\tleaked [redacted by the gateway]")
                .noneMatch(line -> line.contains("AKIA"));
        var receipts = TopicIO.readUntil(Topics.RECEIPT, rs -> rs.stream().anyMatch(r -> isOutcomeOfWait(r.value(), 35)),
                Duration.ofSeconds(30));
        assertThat(receipts).extracting(ConsumerRecord::value).filteredOn(r -> isOutcomeOfWait(r, 35))
                .singleElement().satisfies(r -> assertThat(r.getOutcome().getError()).contains("leaked [redacted by the gateway]").doesNotContain("AKIA"));
    }

    private static boolean isOutcomeOfWait(Receipt receipt, int seconds) {
        return receipt.getKind() == ReceiptKind.OUTCOME && receipt.getIntent().getArgumentsJson().equals("{\"seconds\":" + seconds + "}");
    }

    @Test
    void shouldCancelA2026CallWhenTheClientClosesItsResponseStream() throws Exception {
        JsonObject request = RawMcpHttp.statelessRequest(44, "tools/call",
                new JsonObject().put("name", "demo__wait_for_cancel").put("arguments", new JsonObject().put("seconds", 25)));
        long started = count("wait_for_cancel\tcalled");

        try (Socket stream = raw.openStream(request.encode(), RawMcpHttp.statelessHeaders(request))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> count("wait_for_cancel\tcalled") > started);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.callsReceived().contains("wait_for_cancel\tcancelled"));
        var receipts = TopicIO.readUntil(Topics.RECEIPT, rs -> rs.stream().anyMatch(r -> isOutcomeOfWait(r.value(), 25)),
                Duration.ofSeconds(30));
        assertThat(receipts).extracting(ConsumerRecord::value).filteredOn(r -> isOutcomeOfWait(r, 25))
                .singleElement().satisfies(r -> {
                    assertThat(r.getOutcome().getStatus()).isEqualTo(OutcomeStatus.CANCELLED);
                    assertThat(r.getOutcome().getError()).contains("closed the response stream");
                });
    }

    @Test
    void shouldIgnoreACancellationOfAnotherSessionsRequest() throws Exception {
        String mine = raw.initialize();
        String other = raw.initialize();
        var call = startWaiting(mine, 42, 1);

        raw.post("""
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":42}}""", RawMcpHttp.session(other));

        JsonObject result = new JsonObject(call.get(10, TimeUnit.SECONDS).body()).getJsonObject("result");
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("finished");
    }
}
