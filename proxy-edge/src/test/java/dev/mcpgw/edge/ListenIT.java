package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * subscriptions/listen: a 2026-07-28 client hears the list changes of the servers behind the
 * gateway, whichever era they speak (a 2025 server notifies its session; the gateway listens to a
 * 2026 server in turn, and listens again when the server ends its stream), on one stream
 * acknowledged first and tagged with the subscription. A session-era client hears them on its
 * session's standalone stream.
 */
class ListenIT {
    private static EdgeFixture gateway;
    private static RawMcpHttp raw;
    private static NodePeers.HttpToolServer http2026;
    /** Its own process: one server's tools grow for every era it serves, which would blur whose change a client heard. */
    private static NodePeers.HttpToolServer http2025;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        gateway = EdgeFixture.withDecisionStreamFronting(ListenIT::servers);
        raw = new RawMcpHttp(gateway.mcpUrl());
    }

    private static List<DownstreamSpec> servers(Path callLog) {
        McpPeers.StdioCommand node = NodePeers.toolServer(callLog);
        http2026 = NodePeers.httpToolServer(callLog);
        http2025 = NodePeers.httpToolServer(callLog);
        return List.of(
                new DownstreamSpec("stdio-2025", node.command(), node.args(), node.env(), null, null, "stdio-2025", ProtocolVersions.V2025_11_25),
                new DownstreamSpec("stdio-2026", node.command(), node.args(), node.env(), null, null, "stdio-2026"),
                new DownstreamSpec("http-2026", null, null, null, http2026.url(), Map.of(), "http-2026", ProtocolVersions.V2026_07_28),
                new DownstreamSpec("http-2025", null, null, null, http2025.url(), Map.of(), "http-2025", ProtocolVersions.V2025_11_25));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (http2026 != null) {
            http2026.close();
        }
        if (http2025 != null) {
            http2025.close();
        }
    }

    /** A 2026-07-28 subscriptions/listen request to the gateway. */
    private static ChangeStream listen(int id, JsonObject notifications) {
        return ChangeStream.listen(gateway.mcpUrl(), id, notifications);
    }

    @Test
    void shouldAcknowledgeWhatTheGatewayHonoursFirstTaggedWithTheSubscription() throws Exception {
        try (ChangeStream listener = listen(70, new JsonObject().put("toolsListChanged", true).put("promptsListChanged", true))) {
            JsonObject ack = listener.nextMessage(Duration.ofSeconds(10));

            assertThat(ack.getString("method")).isEqualTo("notifications/subscriptions/acknowledged");
            assertThat(ack.getJsonObject("params").getJsonObject("notifications")).isEqualTo(new JsonObject().put("toolsListChanged", true));
            assertThat(ack.getJsonObject("params").getJsonObject("_meta").getInteger(MetaKeys.SUBSCRIPTION_ID)).isEqualTo(70);
        }
    }

    @ParameterizedTest(name = "{0} server")
    @ValueSource(strings = {"stdio-2025", "stdio-2026", "http-2025", "http-2026"})
    void shouldDeliverAServersToolListChangeAfterTheGatewaysListHasIt(String server) throws Exception {
        try (ChangeStream listener = listen(71, new JsonObject().put("toolsListChanged", true))) {
            listener.nextMessage(Duration.ofSeconds(10));

            String grown = callTool(server + "__grow", new JsonObject());

            assertToolListChangeReaches(listener, 71, server + "__" + grown);
        }
    }

    /**
     * A 2026 server that ends the gateway's listen stream (with the stream's result, or, over HTTP,
     * by closing it) is listened to again: its lists may have changed in the gap, so the client is
     * told so, and the changes the server makes later still reach it.
     */
    @ParameterizedTest(name = "{0} server, ended with {1}")
    @CsvSource({"stdio-2026, result", "http-2026, result", "http-2026, drop"})
    void shouldStillDeliverAServersChangesAfterItEndedTheGatewaysListenStream(String server, String how) throws Exception {
        try (ChangeStream listener = listen(74, new JsonObject().put("toolsListChanged", true))) {
            listener.nextMessage(Duration.ofSeconds(10));

            assertThat(callTool(server + "__end_listens", new JsonObject().put("how", how))).isEqualTo("ended 1");
            assertThat(listener.nextMessage(Duration.ofSeconds(10)).getString("method")).isEqualTo("notifications/tools/list_changed");
            String grown = callTool(server + "__grow", new JsonObject());

            assertToolListChangeReaches(listener, 74, server + "__" + grown);
        }
    }

    private static String callTool(String name, JsonObject arguments) {
        return new JsonObject(raw.stateless(1, "tools/call", new JsonObject().put("name", name).put("arguments", arguments)).body())
                .getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text");
    }

    /** The listener hears of a tool list change, and by then the gateway's list has {@code tool}. */
    private static void assertToolListChangeReaches(ChangeStream listener, int subscriptionId, String tool) throws InterruptedException {
        JsonObject change = listener.nextMessage(Duration.ofSeconds(10));
        assertThat(change.getString("method")).isEqualTo("notifications/tools/list_changed");
        assertThat(change.getJsonObject("params").getJsonObject("_meta").getInteger(MetaKeys.SUBSCRIPTION_ID)).isEqualTo(subscriptionId);
        JsonObject listed = new JsonObject(raw.stateless(2, "tools/list", new JsonObject()).body()).getJsonObject("result");
        assertThat(listed.getJsonArray("tools")).extracting(t -> ((JsonObject) t).getString("name")).contains(tool);
    }

    @Test
    void shouldEndAStreamThatAsksForNothingTheGatewayCanDeliver() throws Exception {
        try (ChangeStream listener = listen(72, new JsonObject().put("promptsListChanged", true))) {
            listener.nextMessage(Duration.ofSeconds(10));

            JsonObject result = listener.nextMessage(Duration.ofSeconds(10));

            assertThat(result.getJsonObject("result").getJsonObject("_meta").getInteger(MetaKeys.SUBSCRIPTION_ID)).isEqualTo(72);
        }
    }

    @Test
    void shouldKeepAQuietStreamAliveWithComments() throws Exception {
        try (ChangeStream listener = listen(73, new JsonObject().put("toolsListChanged", true))) {
            listener.nextMessage(Duration.ofSeconds(10));

            assertThat(listener.sawLineStartingWith(":", Duration.ofSeconds(20))).isTrue();
        }
    }

    @Test
    void shouldDeliverListChangesToASessionClientsStandaloneStream() throws Exception {
        String session = raw.initialize();
        try (ChangeStream stream = ChangeStream.ofSession(gateway.mcpUrl(), session)) {
            assertThat(stream.status()).isEqualTo(200);

            raw.post("""
                    {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"stdio-2025__grow","arguments":{}}}""",
                    RawMcpHttp.session(session));

            assertThat(stream.nextMessage(Duration.ofSeconds(10)).getString("method")).isEqualTo("notifications/tools/list_changed");
        }
    }

    @Test
    void shouldRefuseASecondStandaloneStreamForOneSession() throws Exception {
        String session = raw.initialize();
        try (ChangeStream first = ChangeStream.ofSession(gateway.mcpUrl(), session);
             ChangeStream second = ChangeStream.ofSession(gateway.mcpUrl(), session)) {
            assertThat(List.of(first.status(), second.status())).containsExactlyInAnyOrder(200, 409);
        }
    }
}
