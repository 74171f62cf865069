package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.testsupport.NodePeers;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 2026-07-28 server logs to a request only at the level the request names in {@code _meta}; a
 * session-era client names its level once, with logging/setLevel, on its session. The gateway
 * carries the session's level in each of the client's requests to such a server (the TypeScript
 * SDK tool server, whose test_tool_with_logging logs three messages at info).
 */
class LogLevelBridgingIT {
    private static final String LOG_MESSAGE = "notifications/message";
    private static NodePeers.HttpToolServer server;
    private static EdgeFixture gateway;
    private static RawMcpHttp raw;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        gateway = EdgeFixture.withDecisionStreamFronting(LogLevelBridgingIT::servers);
        raw = new RawMcpHttp(gateway.mcpUrl());
    }

    private static List<DownstreamSpec> servers(Path callLog) {
        server = NodePeers.httpToolServer(callLog, Map.of(NodePeers.CONFORMANCE_ENV, "1"));
        return List.of(new DownstreamSpec("http-2026", null, null, null, server.url(), Map.of(), "http-2026", ProtocolVersions.V2026_07_28));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldCarryASessionClientsLogLevelToA2026Server() {
        String session = sessionAtLevel("info");

        List<JsonObject> messages = events(raw.post(callLoggingTool(), RawMcpHttp.session(session)));

        assertThat(messages).filteredOn(m -> LOG_MESSAGE.equals(m.getString("method")))
                .extracting(m -> m.getJsonObject("params").getString("data"))
                .containsExactly("Tool execution started", "Tool processing data", "Tool execution completed");
    }

    @Test
    void shouldGiveASessionClientNoLogMessagesBelowTheLevelItSet() {
        String session = sessionAtLevel("warning");

        List<JsonObject> messages = events(raw.post(callLoggingTool(), RawMcpHttp.session(session)));

        assertThat(messages).noneSatisfy(m -> assertThat(m.getString("method")).isEqualTo(LOG_MESSAGE))
                .anySatisfy(m -> assertThat(m.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
                        .isEqualTo("Tool with logging executed successfully"));
    }

    private static String sessionAtLevel(String level) {
        String session = raw.initialize();
        HttpResponse<String> set = raw.post(new JsonObject().put("jsonrpc", "2.0").put("id", "level").put("method", "logging/setLevel")
                .put("params", new JsonObject().put("level", level)).encode(), RawMcpHttp.session(session));
        assertThat(events(set)).singleElement().satisfies(e -> assertThat(e.getJsonObject("result")).isEqualTo(new JsonObject()));
        return session;
    }

    private static String callLoggingTool() {
        return new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "tools/call").put("params",
                new JsonObject().put("name", "http-2026__test_tool_with_logging").put("arguments", new JsonObject())).encode();
    }

    /** The messages of a JSON or event-stream answer. */
    private static List<JsonObject> events(HttpResponse<String> response) {
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return List.of(new JsonObject(response.body()));
        }
        return response.body().lines().filter(l -> l.startsWith("data: ")).map(l -> new JsonObject(l.substring(6))).toList();
    }
}
