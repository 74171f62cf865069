package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.kafka.ToolPinTopic;
import dev.mcpgw.schemas.ToolPin;
import dev.mcpgw.testsupport.NodePeers;
import dev.mcpgw.testsupport.SharedKafka;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dual-era tool server, its protocol not configured, is spoken to in both eras, each client
 * served by the half of its own era as if it spoke to the server itself. The TypeScript SDK v2
 * tool server with its eras made to differ (PEER_ERA_TOOLS): only its session era declares logging
 * and resource subscriptions, each era lists a tool of its own, and which_era (described
 * differently in each era) names the era that served it; the official TypeScript SDK client of
 * either era, and raw requests for what that client does not send, through one gateway.
 */
class DualEraServerIT {
    private static final String BOARD = "demo://node/board";
    private static NodePeers.HttpToolServer server;
    private static EdgeFixture gateway;
    private static RawMcpHttp raw;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK peers");
        gateway = EdgeFixture.withDecisionStreamFronting(DualEraServerIT::servers);
        raw = new RawMcpHttp(gateway.mcpUrl());
    }

    private static List<DownstreamSpec> servers(Path callLog) {
        server = NodePeers.httpToolServer(callLog, Map.of(NodePeers.ERA_TOOLS_ENV, "1"));
        return List.of(new DownstreamSpec("dual", null, null, null, server.url(), Map.of(), "dual"));
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

    private static JsonObject run(String client, String... command) {
        return new JsonObject(NodePeers.client(gateway.mcpUrl(), EdgeFixture.ALICE_KEY, client, command));
    }

    private static List<String> toolsListedTo(String client) {
        return run(client, "list").getJsonObject("result").getJsonArray("tools").stream().map(t -> ((JsonObject) t).getString("name")).toList();
    }

    private static JsonObject whichEra(String client) {
        return run(client, "call", "dual__which_era", "{}");
    }

    private static String text(JsonObject answer) {
        assertThat(answer.getJsonObject("result")).as(answer.encode()).isNotNull();
        return answer.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text");
    }

    @Test
    void shouldListToEachEraTheToolsOfItsOwnHalf() {
        assertThat(toolsListedTo("legacy")).contains("dual__only_session", "dual__which_era").doesNotContain("dual__only_2026");
        assertThat(toolsListedTo("2026")).contains("dual__only_2026", "dual__which_era").doesNotContain("dual__only_session");
    }

    /** which_era's definitions differ between the halves: pinned apart, neither is held back as a change of the other. */
    @Test
    void shouldSendEachClientsCallToTheHalfOfItsEra() {
        assertThat(text(whichEra("legacy"))).isEqualTo("legacy");
        assertThat(text(whichEra("2026"))).isEqualTo("modern");

        assertThat(gateway.callsReceived()).contains("which_era\tlegacy", "which_era\tmodern");
    }

    /** The 2026 half's pins keep the server's name (valid from when the gateway spoke only 2026 to it); the session half's are its own. */
    @Test
    void shouldPinEachHalfsDefinitionOfATool() {
        Map<String, ToolPin> pins = ToolPinTopic.readAll(SharedKafka.bootstrapServers());

        assertThat(pins.get(ToolPinTopic.key("dual", "which_era")).getPinnedDefinition()).contains("Names the era that serves it: modern");
        assertThat(pins.get(ToolPinTopic.key("dual@session", "which_era")).getPinnedDefinition()).contains("Names the era that serves it: legacy");
        assertThat(pins.values()).filteredOn(pin -> pin.getServer().startsWith("dual"))
                .allSatisfy(pin -> assertThat(pin.getChangedHash()).as(pin.getServer() + " " + pin.getTool()).isNull());
    }

    @Test
    void shouldShowEachEraTheCapabilitiesOfItsOwnHalf() {
        JsonObject initialized = events(raw.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""", RawMcpHttp.auth())).get(0);
        JsonObject discovered = new JsonObject(raw.stateless(1, "server/discover", new JsonObject()).body());

        assertThat(initialized.getJsonObject("result").getJsonObject("capabilities").containsKey("logging")).isTrue();
        assertThat(discovered.getJsonObject("result").getJsonObject("capabilities").containsKey("logging")).isFalse();
    }

    @Test
    void shouldTakeASessionClientsLogLevelWithTheLoggingOfTheSessionHalf() {
        String session = raw.initialize();

        HttpResponse<String> set = raw.post(new JsonObject().put("jsonrpc", "2.0").put("id", "level").put("method", "logging/setLevel")
                .put("params", new JsonObject().put("level", "info")).encode(), RawMcpHttp.session(session));

        assertThat(events(set)).singleElement().satisfies(e -> assertThat(e.getJsonObject("result")).isEqualTo(new JsonObject()));
    }

    /**
     * The session half alone declares subscriptions: a session client's subscribe reaches it, and
     * a 2026 client's listen for the resource is served by the same subscription, the 2026 half
     * being unable to report it.
     */
    @Test
    void shouldSubscribeOnTheSessionHalfForClientsOfEitherEra() throws Exception {
        String session = raw.initialize();
        HttpResponse<String> subscribed = raw.post(new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "resources/subscribe")
                .put("params", new JsonObject().put("uri", BOARD)).encode(), RawMcpHttp.session(session));
        assertThat(events(subscribed)).singleElement().satisfies(e -> assertThat(e.getJsonObject("result")).isEqualTo(new JsonObject()));
        assertThat(gateway.callsReceived()).contains("subscribe\t" + BOARD);

        try (ChangeStream listener = ChangeStream.listen(gateway.mcpUrl(), 80,
                new JsonObject().put("resourceSubscriptions", new JsonArray().add(BOARD)))) {
            JsonObject ack = listener.nextMessage(Duration.ofSeconds(10));
            assertThat(ack.getJsonObject("params").getJsonObject("notifications").getJsonArray("resourceSubscriptions")).containsExactly(BOARD);

            text(run("2026", "call", "dual__post", new JsonObject().put("text", "from 2026").encode()));

            JsonObject updated = listener.nextMessage(Duration.ofSeconds(10));
            assertThat(updated.getString("method")).isEqualTo("notifications/resources/updated");
            assertThat(updated.getJsonObject("params").getString("uri")).isEqualTo(BOARD);
        }
        assertThat(gateway.callsReceived()).noneMatch(line -> line.startsWith("listen\t") && line.contains(BOARD));
    }

    /** The 2026 half answers 503 for a while: it is lost and started again, while session clients are served throughout. */
    @Test
    void shouldKeepServingOneEraWhileTheOtherHalfIsDownAndStartItAgain() {
        assertThat(text(run("legacy", "call", "dual__take_down_era", new JsonObject().put("era", "modern").put("seconds", 6).encode())))
                .isEqualTo("modern down for 6 s");

        assertThat(whichEra("2026").encode()).contains("tool server dual unavailable");
        await().atMost(Duration.ofSeconds(10)).until(() -> raw.health().contains("\"dual\":\"UNREACHABLE (2026-07-28 half)\""));
        assertThat(raw.metrics()).contains("mcpgw_tool_server_up{server=\"dual\"} 0.0");
        assertThat(text(whichEra("legacy"))).isEqualTo("legacy");

        await().atMost(Duration.ofSeconds(60)).until(() -> raw.health().contains("\"dual\":\"UP\""));
        assertThat(text(whichEra("2026"))).isEqualTo("modern");
    }

    private static List<JsonObject> events(HttpResponse<String> response) {
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return List.of(new JsonObject(response.body()));
        }
        return response.body().lines().filter(l -> l.startsWith("data: ")).map(l -> new JsonObject(l.substring(6))).toList();
    }
}
