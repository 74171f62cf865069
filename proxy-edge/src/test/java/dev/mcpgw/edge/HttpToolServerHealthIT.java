package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.testsupport.FreePort;
import dev.mcpgw.testsupport.HttpDemoServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An HTTP tool server that goes away behind a running gateway is reported UNREACHABLE on /healthz
 * and /metrics once a call finds it gone (the gateway itself stays UP), and UP again once it
 * answers again on its address.
 */
class HttpToolServerHealthIT {
    private static final int PORT = FreePort.pick();
    private static HttpDemoServer server;
    private static EdgeFixture gateway;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream(HttpToolServerHealthIT::httpDemo);
    }

    private static DownstreamSpec httpDemo(Path callLog) {
        server = demoServer(callLog);
        return new DownstreamSpec("demo", null, null, null, server.url(), Map.of(), "demo", ProtocolVersions.V2025_11_25);
    }

    private static HttpDemoServer demoServer(Path callLog) {
        try {
            return new HttpDemoServer(callLog, PORT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        if (server != null) {
            server.close();
        }
    }

    private static String add(RawMcpHttp http, int a, int b) {
        return http.stateless(1, "tools/call", new JsonObject().put("name", "demo__add")
                .put("arguments", new JsonObject().put("a", a).put("b", b))).body();
    }

    @Test
    void shouldReportAnHttpToolServerUnreachableWhileItIsGoneAndUpOnceItIsBack() throws Exception {
        RawMcpHttp http = new RawMcpHttp(gateway.mcpUrl());
        assertThat(http.health()).contains("\"toolServers\":{\"demo\":\"UP\"}");

        server.close();
        server = null;
        assertThat(add(http, 1, 2)).contains("tool server demo unavailable");

        await().atMost(Duration.ofSeconds(30)).until(() -> http.health().contains("\"toolServers\":{\"demo\":\"UNREACHABLE\"}"));
        assertThat(http.healthStatus()).isEqualTo(200);
        assertThat(http.metrics()).contains("mcpgw_tool_server_up{server=\"demo\"} 0.0");

        server = demoServer(gateway.callLog);

        await().atMost(Duration.ofSeconds(60)).until(() -> http.health().contains("\"toolServers\":{\"demo\":\"UP\"}"));
        assertThat(http.metrics()).contains("mcpgw_tool_server_up{server=\"demo\"} 1.0");
        assertThat(new JsonObject(add(http, 2, 3)).getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("5.0");
    }

}
