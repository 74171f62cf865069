package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.limits.AgentCaps;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.RequestKind;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway holds one subscription per server and resource however many clients need it, and
 * gives it up when the last client no longer does: a session that unsubscribes or ends, a listen
 * stream that closes. A session-era server (the TypeScript SDK server over stdio, in 2025-11-25)
 * is sent resources/subscribe and resources/unsubscribe, which it records; a 2026-07-28 server
 * gets a subscriptions/listen whose filter names the resource, which it records too. A listen's
 * resources are decided one by one as a session's resources/subscribe is (the fixture's policy
 * allows demo://* but its secret notes).
 */
class ResourceSubscriptionsIT {
    private static final String SESSION_ERA_BOARD = "demo://stdio-2025/board";
    private static final String STATELESS_BOARD = "demo://stdio-2026/board";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static EdgeFixture gateway;
    private static RawMcpHttp raw;
    private static int nextId = 100;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        gateway = EdgeFixture.withDecisionStreamFronting(ResourceSubscriptionsIT::servers);
        raw = new RawMcpHttp(gateway.mcpUrl());
    }

    private static List<DownstreamSpec> servers(Path callLog) {
        McpPeers.StdioCommand sessionEra = NodePeers.toolServer(log(callLog, "stdio-2025"), "stdio-2025");
        McpPeers.StdioCommand stateless = NodePeers.toolServer(log(callLog, "stdio-2026"), "stdio-2026");
        return List.of(
                new DownstreamSpec("stdio-2025", sessionEra.command(), sessionEra.args(), sessionEra.env(), null, null, "stdio-2025",
                        ProtocolVersions.V2025_11_25),
                new DownstreamSpec("stdio-2026", stateless.command(), stateless.args(), stateless.env(), null, null, "stdio-2026"));
    }

    private static Path log(Path callLog, String server) {
        return callLog.resolveSibling(server + ".log");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** What a server was sent: lines of its call log that start with {@code prefix}. */
    private static List<String> received(String server, String prefix) {
        return McpPeers.callsReceived(log(gateway.callLog, server)).stream().filter(line -> line.startsWith(prefix)).toList();
    }

    private static JsonObject sessionRequest(String session, String method, JsonObject params) {
        String request = new JsonObject().put("jsonrpc", "2.0").put("id", nextId++).put("method", method).put("params", params).encode();
        return new JsonObject(raw.post(request, RawMcpHttp.session(session)).body());
    }

    private static void subscribe(String session, String uri) {
        assertThat(sessionRequest(session, "resources/subscribe", new JsonObject().put("uri", uri)).getJsonObject("result")).isEqualTo(new JsonObject());
    }

    private static void unsubscribe(String session, String uri) {
        assertThat(sessionRequest(session, "resources/unsubscribe", new JsonObject().put("uri", uri)).getJsonObject("result")).isEqualTo(new JsonObject());
    }

    private static void post(String server, String text) {
        post(server, new JsonObject().put("text", text));
    }

    /** Posts {@code text} to a server's board, whose update then carries {@code meta} as its {@code _meta}. */
    private static void post(String server, String text, JsonObject meta) {
        post(server, new JsonObject().put("text", text).put("meta", meta));
    }

    private static void post(String server, JsonObject arguments) {
        String text = arguments.getString("text");
        JsonObject answer = new JsonObject(raw.stateless(nextId++, "tools/call",
                new JsonObject().put("name", server + "__post").put("arguments", arguments)).body());
        assertThat(answer.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("posted " + text);
    }

    private static void assertUpdateOf(ChangeStream stream, String uri) throws InterruptedException {
        JsonObject update = stream.nextMessage(WAIT);
        assertThat(update.getString("method")).isEqualTo("notifications/resources/updated");
        assertThat(update.getJsonObject("params").getString("uri")).isEqualTo(uri);
    }

    /** The resources the 2026 server was last asked to report, by the filter of the last subscriptions/listen it got. */
    private static JsonArray listenedFor() {
        List<String> listens = received("stdio-2026", "listen\t");
        return new JsonObject(listens.get(listens.size() - 1).substring("listen\t".length())).getJsonArray("resourceSubscriptions", new JsonArray());
    }

    @Test
    void shouldSubscribeASessionEraServerOnceForTwoSessionsAndUnsubscribeItWhenTheLastOneEnds() throws Exception {
        String first = raw.initialize();
        String second = raw.initialize();
        int subscribedBefore = received("stdio-2025", "subscribe\t").size();
        int unsubscribedBefore = received("stdio-2025", "unsubscribe\t").size();
        try (ChangeStream firstStream = ChangeStream.ofSession(gateway.mcpUrl(), first);
             ChangeStream secondStream = ChangeStream.ofSession(gateway.mcpUrl(), second)) {
            assertThat(List.of(firstStream.status(), secondStream.status())).containsOnly(200);

            subscribe(first, SESSION_ERA_BOARD);
            subscribe(second, SESSION_ERA_BOARD);
            assertThat(received("stdio-2025", "subscribe\t")).hasSize(subscribedBefore + 1).last().isEqualTo("subscribe\t" + SESSION_ERA_BOARD);

            unsubscribe(first, SESSION_ERA_BOARD);
            post("stdio-2025", "for the second");

            assertUpdateOf(secondStream, SESSION_ERA_BOARD);
            assertThat(firstStream.sawLineStartingWith("data: ", Duration.ofSeconds(1))).isFalse();
            assertThat(received("stdio-2025", "unsubscribe\t")).hasSize(unsubscribedBefore);

            assertThat(raw.delete(RawMcpHttp.session(second)).statusCode()).isEqualTo(204);

            await().atMost(WAIT).until(() -> received("stdio-2025", "unsubscribe\t").size() == unsubscribedBefore + 1);
            assertThat(received("stdio-2025", "unsubscribe\t")).last().isEqualTo("unsubscribe\t" + SESSION_ERA_BOARD);
        }
    }

    @Test
    void shouldSubscribeASessionEraServerForAListenStreamAndUnsubscribeItWhenTheStreamCloses() throws Exception {
        int subscribedBefore = received("stdio-2025", "subscribe\t").size();
        int unsubscribedBefore = received("stdio-2025", "unsubscribe\t").size();
        try (ChangeStream listener = ChangeStream.listen(gateway.mcpUrl(), 80,
                new JsonObject().put("resourceSubscriptions", new JsonArray().add(SESSION_ERA_BOARD)))) {
            JsonObject ack = listener.nextMessage(WAIT);
            assertThat(ack.getJsonObject("params").getJsonObject("notifications").getJsonArray("resourceSubscriptions")).containsExactly(SESSION_ERA_BOARD);
            await().atMost(WAIT).until(() -> received("stdio-2025", "subscribe\t").size() == subscribedBefore + 1);

            post("stdio-2025", "for the listener");

            JsonObject update = listener.nextMessage(WAIT);
            assertThat(update.getJsonObject("params").getString("uri")).isEqualTo(SESSION_ERA_BOARD);
            assertThat(update.getJsonObject("params").getJsonObject("_meta").getInteger(MetaKeys.SUBSCRIPTION_ID)).isEqualTo(80);
        }

        await().atMost(WAIT).until(() -> received("stdio-2025", "unsubscribe\t").size() == unsubscribedBefore + 1);
    }

    /**
     * A 2026-07-28 server has no resources/subscribe: a session client's subscription becomes the
     * resource in the gateway's listen filter, and its unsubscribe takes it out again.
     */
    @Test
    void shouldListenForTheResourceOnA2026ServerWhileASessionIsSubscribedToIt() throws Exception {
        String session = raw.initialize();
        try (ChangeStream stream = ChangeStream.ofSession(gateway.mcpUrl(), session)) {
            assertThat(stream.status()).isEqualTo(200);

            subscribe(session, STATELESS_BOARD);
            assertThat(listenedFor()).containsExactly(STATELESS_BOARD);
            post("stdio-2026", "for the session");

            JsonObject update = stream.nextMessage(WAIT);
            assertThat(update.getString("method")).isEqualTo("notifications/resources/updated");
            assertThat(update.getJsonObject("params")).isEqualTo(new JsonObject().put("uri", STATELESS_BOARD));

            unsubscribe(session, STATELESS_BOARD);
            await().atMost(WAIT).until(() -> listenedFor().isEmpty());
        }
    }

    /**
     * A server's update reaches clients outside any call, yet what it carries is still the
     * server's word: keys of the gateway's own in its {@code _meta} (a decision, a task) are taken
     * out, for either era of server, and the server's own keys are kept.
     */
    @Test
    void shouldTakeTheGatewaysOwnMetaKeysOutOfAServersResourceUpdate() throws Exception {
        JsonObject forged = new JsonObject()
                .put(MetaKeys.AUTHORIZATION, new JsonObject().put("decision", "DENY"))
                .put(MetaKeys.RELATED_TASK, new JsonObject().put("taskId", "forged"))
                .put(MetaKeys.GATEWAY_PREFIX + "intentId", "forged")
                .put("example.com/board-version", 7);
        String session = raw.initialize();
        try (ChangeStream stream = ChangeStream.ofSession(gateway.mcpUrl(), session)) {
            assertThat(stream.status()).isEqualTo(200);
            for (String board : List.of(SESSION_ERA_BOARD, STATELESS_BOARD)) {
                subscribe(session, board);
                post(board.equals(SESSION_ERA_BOARD) ? "stdio-2025" : "stdio-2026", "forged meta", forged.copy());

                JsonObject update = stream.nextMessage(WAIT);
                assertThat(update.getJsonObject("params").getString("uri")).isEqualTo(board);
                assertThat(update.getJsonObject("params").getJsonObject("_meta")).isEqualTo(new JsonObject().put("example.com/board-version", 7));
                unsubscribe(session, board);
            }
        } finally {
            raw.delete(RawMcpHttp.session(session));
        }
    }

    @Test
    void shouldSubscribeAListenOnlyToTheResourcesThePolicyAllowsAndSayWhichInItsAcknowledgement() throws Exception {
        String secret = "demo://stdio-2025/notes/secret-plans";
        int subscribedBefore = received("stdio-2025", "subscribe\t").size();
        try (ChangeStream listener = ChangeStream.listen(gateway.mcpUrl(), 81,
                new JsonObject().put("resourceSubscriptions", new JsonArray().add(secret).add(SESSION_ERA_BOARD)))) {
            JsonObject ack = listener.nextMessage(WAIT);

            assertThat(ack.getJsonObject("params").getJsonObject("notifications").getJsonArray("resourceSubscriptions")).containsExactly(SESSION_ERA_BOARD);
            await().atMost(WAIT).until(() -> received("stdio-2025", "subscribe\t").size() > subscribedBefore);
            assertThat(received("stdio-2025", "subscribe\t")).doesNotContain("subscribe\t" + secret);
        }
        List<Receipt> decisions = TopicIO.readUntil(Topics.RECEIPT, rs -> rs.stream().anyMatch(r -> isSubscriptionTo(r.value(), secret)), WAIT)
                .stream().map(ConsumerRecord::value).filter(r -> isSubscriptionTo(r, secret)).toList();
        assertThat(decisions).singleElement().satisfies(denied -> {
            assertThat(denied.getEffect()).isEqualTo(Effect.DENY);
            assertThat(denied.getMatchedRules()).contains("no-secret-notes");
        });
    }

    private static boolean isSubscriptionTo(Receipt receipt, String uri) {
        return receipt.getKind() == ReceiptKind.DECISION && receipt.getIntent().getKind() == RequestKind.RESOURCE_SUBSCRIBE
                && receipt.getIntent().getTool().equals(uri);
    }

    @Test
    void shouldRefuseAListenNamingMoreResourcesThanAnAgentMayHaveCallsInFlight() {
        JsonArray many = new JsonArray();
        for (int i = 0; i <= AgentCaps.DEFAULTS.callsInFlight(); i++) {
            many.add("demo://stdio-2025/item-" + i);
        }
        int subscribedBefore = received("stdio-2025", "subscribe\t").size();

        JsonObject answer = new JsonObject(raw.stateless(82, "subscriptions/listen",
                new JsonObject().put("notifications", new JsonObject().put("resourceSubscriptions", many))).body());

        assertThat(answer.getJsonObject("error").getInteger("code")).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(answer.getJsonObject("error").getString("message")).contains("at most " + AgentCaps.DEFAULTS.callsInFlight() + " resources");
        assertThat(received("stdio-2025", "subscribe\t")).hasSize(subscribedBefore);
    }

    @Test
    void shouldRefuseAListenWhoseNotificationsAreNotAnObjectAndGiveItsStreamBack() throws Exception {
        for (int i = 0; i <= AgentCaps.DEFAULTS.streams(); i++) {
            JsonObject answer = new JsonObject(raw.stateless(90 + i, "subscriptions/listen", new JsonObject().put("notifications", "everything")).body());

            assertThat(answer.getJsonObject("error").getInteger("code")).isEqualTo(ErrorCodes.INVALID_PARAMS);
        }
        try (ChangeStream listener = ChangeStream.listen(gateway.mcpUrl(), 99, new JsonObject().put("toolsListChanged", true))) {
            assertThat(listener.nextMessage(WAIT).getString("method")).isEqualTo("notifications/subscriptions/acknowledged");
        }
    }
}
