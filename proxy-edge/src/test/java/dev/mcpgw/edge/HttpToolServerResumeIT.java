package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.testsupport.NodePeers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An HTTP tool server in the 2026-07-28 era (the TypeScript SDK server) that stops answering
 * behind a running gateway while its process lives (stopped, then resumed) is reported
 * UNREACHABLE, and got back once it answers again: UP, a restart counted, calls served.
 */
class HttpToolServerResumeIT {
    private static NodePeers.HttpToolServer server;
    private static EdgeFixture gateway;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        // A stopped server is found out after a call and then a ping go unanswered, each within this wait.
        gateway = EdgeFixture.withDecisionStreamFronting(Duration.ofSeconds(10), HttpToolServerResumeIT::servers);
    }

    private static List<DownstreamSpec> servers(Path callLog) {
        server = NodePeers.httpToolServer(callLog);
        return List.of(new DownstreamSpec("http-2026", null, null, null, server.url(), Map.of(), "http-2026", ProtocolVersions.V2026_07_28));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            signal("CONT");
            server.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void shouldGetBackA2026ServerThatStoppedAnsweringOnceItAnswersAgain() throws Exception {
        RawMcpHttp http = new RawMcpHttp(gateway.mcpUrl());
        assertThat(http.health()).contains("\"toolServers\":{\"http-2026\":\"UP\"}");

        signal("STOP");
        assertThat(echo(http, 1, "unanswered")).contains("tool server http-2026 unavailable");
        await().atMost(Duration.ofSeconds(60)).until(() -> http.health().contains("\"toolServers\":{\"http-2026\":\"UNREACHABLE\"}"));
        signal("CONT");

        await().atMost(Duration.ofSeconds(60)).until(() -> http.health().contains("\"toolServers\":{\"http-2026\":\"UP\"}"));
        assertThat(http.metrics()).contains("mcpgw_tool_server_restarts_total{server=\"http-2026\"} 1.0");
        assertThat(new JsonObject(echo(http, 2, "back")).getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("back");
    }

    private static String echo(RawMcpHttp http, int id, String text) {
        return http.stateless(id, "tools/call", new JsonObject().put("name", "http-2026__echo")
                .put("arguments", new JsonObject().put("text", text))).body();
    }

    private static void signal(String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, String.valueOf(server.process().pid())).start().waitFor()).isZero();
    }
}
