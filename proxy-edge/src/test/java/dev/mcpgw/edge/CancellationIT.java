package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client's notifications/cancelled reaches the tool server running the call. The server is the
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

    @Test
    void shouldCancelTheCallOnTheToolServerWhenTheClientCancelsIt() throws Exception {
        String session = raw.initialize();
        long started = count("wait_for_cancel\tcalled");
        var call = raw.postAsync("""
                {"jsonrpc":"2.0","id":41,"method":"tools/call","params":{"name":"demo__wait_for_cancel","arguments":{"seconds":20}}}""",
                RawMcpHttp.session(session));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("wait_for_cancel\tcalled") > started);

        raw.post("""
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":41,"reason":"no longer needed"}}""",
                RawMcpHttp.session(session));

        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.callsReceived().contains("wait_for_cancel\tcancelled"));
        JsonObject error = new JsonObject(call.get(5, TimeUnit.SECONDS).body()).getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.REQUEST_CANCELLED);
    }

    @Test
    void shouldIgnoreACancellationOfAnotherSessionsRequest() throws Exception {
        String mine = raw.initialize();
        String other = raw.initialize();
        long started = count("wait_for_cancel\tcalled");
        var call = raw.postAsync("""
                {"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"demo__wait_for_cancel","arguments":{"seconds":1}}}""",
                RawMcpHttp.session(mine));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("wait_for_cancel\tcalled") > started);

        raw.post("""
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":42}}""", RawMcpHttp.session(other));

        JsonObject result = new JsonObject(call.get(10, TimeUnit.SECONDS).body()).getJsonObject("result");
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("finished");
    }
}
