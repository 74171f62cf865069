package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.testsupport.FreePort;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 2026-07-28 HTTP tool server that answers but does not acknowledge the gateway's
 * subscriptions/listen in time is up as soon as it answers, at its start and after it restarts,
 * rather than once the request timeout ran out: the conformance suite's reference server sends the
 * acknowledgement as a line of newline-separated JSON under application/json, in a response it never
 * ends, so the gateway never reads it, and each of its restarts left it UNREACHABLE for a whole
 * request timeout (issue 17). An acknowledgement that comes later reports the lists changed. A
 * stream not acknowledged within the request timeout is ended, and listened again after a backoff,
 * so that nobody waits on it for ever.
 */
@Timeout(120)
class UnacknowledgedListenTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** A request timeout short enough to watch several listen streams go unacknowledged. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    private static final Duration SOON = Duration.ofSeconds(10);
    private final EventLoop loop = new EventLoop();
    private final int port = FreePort.pick();
    private final DownstreamSpec spec = new DownstreamSpec("ref", null, null, null, "http://127.0.0.1:" + port + "/mcp", Map.of(), "ref",
            ProtocolVersions.V2026_07_28);
    private HttpServer server;
    private DownstreamClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            loop.await(client::close);
        }
        loop.close();
    }

    @Test
    void shouldStartAServerThatNeverReadablyAcknowledgesTheListenWithoutWaitingOutTheRequestTimeout() {
        serve(UnacknowledgedListenTest::acknowledgeAsJsonLines);
        client = new HttpDownstream(spec, loop.context(), REQUEST_TIMEOUT);

        long before = System.nanoTime();
        loop.await(client::start);

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(SOON);
    }

    @Test
    void shouldHaveAServerThatNeverReadablyAcknowledgesTheListenBackSoonAfterItRestarted() {
        serve(UnacknowledgedListenTest::acknowledgeAsJsonLines);
        AtomicInteger restarts = new AtomicInteger();
        RestartingDownstream restarting = new RestartingDownstream("ref", () -> new HttpDownstream(spec, loop.context(), REQUEST_TIMEOUT),
                started -> Future.succeededFuture(), loop.context(),
                new RestartingDownstream.Backoff(Duration.ofMillis(100), Duration.ofMillis(500), null), restarts::incrementAndGet);
        client = restarting;
        loop.await(client::start);

        server.close().await();
        assertThatThrownBy(this::call).isInstanceOf(RpcException.class);
        await().atMost(SOON).until(() -> !restarting.isUp());
        serve(UnacknowledgedListenTest::acknowledgeAsJsonLines);

        await().atMost(SOON).until(restarting::isUp);
        assertThat(restarts).hasValue(1);
        assertThat(call()).isEmpty();
    }

    @Test
    void shouldReportTheListsChangedWhenTheListenIsAcknowledgedAfterTheServerStarted() {
        // A stream that acknowledges well after the start stopped waiting for it, as a slow server's would.
        serve((response, id) -> {
            response.setChunked(true).putHeader("Content-Type", "text/event-stream").write(": listening\n\n");
            loop.vertx().setTimer(ServerListen.FIRST_ACKNOWLEDGEMENT_WAIT.multipliedBy(2).toMillis(),
                    t -> response.write("data: " + acknowledgement(id, id).encode() + "\n\n"));
        });
        List<JsonObject> notifications = new CopyOnWriteArrayList<>();
        client = new HttpDownstream(spec, loop.context(), REQUEST_TIMEOUT);
        client.onNotification(notifications::add);
        loop.await(client::start);

        await().atMost(SOON.multipliedBy(2)).until(() -> notifications.stream()
                .anyMatch(n -> "notifications/tools/list_changed".equals(n.getString("method"))));
    }

    @Test
    void shouldFailAResourceSubscriptionOnAServerThatNeverReadablyAcknowledgesTheListenNamingTheWait() {
        serve(UnacknowledgedListenTest::acknowledgeAsJsonLines);
        client = new HttpDownstream(spec, loop.context(), SHORT_TIMEOUT);
        loop.await(client::start);

        long before = System.nanoTime();
        assertThatThrownBy(() -> loop.await(() -> client.subscribeResource("file:///watched.txt")))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.DOWNSTREAM_UNAVAILABLE))
                .hasMessageContaining("tool server ref")
                .hasMessageContaining("did not acknowledge subscriptions/listen within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(SOON);
    }

    @Test
    void shouldEndAListenStreamTheServerNeverReadablyAcknowledges() {
        AtomicInteger closed = new AtomicInteger();
        serve((response, id) -> {
            response.closeHandler(v -> closed.incrementAndGet());
            acknowledgeAsJsonLines(response, id);
        });
        client = new HttpDownstream(spec, loop.context(), SHORT_TIMEOUT);
        loop.await(client::start);

        await().atMost(SOON).until(() -> closed.get() >= 1);
    }

    @Test
    void shouldAskAServerThatNeverReadablyAcknowledgesToListenAgainOnlyAfterABackoff() {
        AtomicInteger listens = new AtomicInteger();
        serve((response, id) -> {
            listens.incrementAndGet();
            acknowledgeAsJsonLines(response, id);
        });
        client = new HttpDownstream(spec, loop.context(), SHORT_TIMEOUT);
        loop.await(client::start);

        // Streams at 0, 1, 2.5 and 5 s (each ended after 0.5 s, then 0.5, 1, 2 s of backoff); without a backoff, twelve.
        await().during(Duration.ofSeconds(6)).atMost(SOON).until(() -> listens.get() <= 5);
        assertThat(listens).hasValueGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldKeepTheOneListenStreamOfAServerThatAcknowledgesIt() {
        AtomicInteger listens = new AtomicInteger();
        serve((response, id) -> {
            listens.incrementAndGet();
            response.setChunked(true).putHeader("Content-Type", "text/event-stream").write("data: " + acknowledgement(id, id).encode() + "\n\n");
        });
        client = new HttpDownstream(spec, loop.context(), SHORT_TIMEOUT);
        loop.await(client::start);

        await().during(SHORT_TIMEOUT.multipliedBy(6)).atMost(SOON).until(() -> listens.get() == 1);
    }

    /** The reference server's way: the acknowledgement as a line of JSON, its subscription id a string, in an application/json response never ended. */
    private static void acknowledgeAsJsonLines(HttpServerResponse response, Object id) {
        response.setChunked(true).putHeader("Content-Type", "application/json").write(acknowledgement(id, String.valueOf(id)).encode() + "\n");
    }

    private static JsonObject acknowledgement(Object id, Object subscriptionId) {
        return new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/subscriptions/acknowledged").put("params", new JsonObject()
                .put("_meta", new JsonObject().put(MetaKeys.SUBSCRIPTION_ID, subscriptionId))
                .put("notifications", new JsonObject().put("toolsListChanged", true)));
    }

    /** A server offering tools whose list may change, answering every request but subscriptions/listen with an empty result; {@code listen} answers that. */
    private void serve(BiConsumer<HttpServerResponse, Object> listen) {
        server = loop.vertx().createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonObject message = body.toJsonObject();
            Object id = message.getValue("id");
            HttpServerResponse response = request.response();
            if (id == null) {
                response.setStatusCode(202).end();
            } else if (McpMethods.SUBSCRIPTIONS_LISTEN.equals(message.getString("method"))) {
                listen.accept(response, id);
            } else {
                JsonObject result = McpMethods.DISCOVER.equals(message.getString("method"))
                        ? new JsonObject().put("supportedVersions", new JsonArray().add(ProtocolVersions.V2026_07_28))
                                .put("capabilities", new JsonObject().put("tools", new JsonObject().put("listChanged", true)))
                        : new JsonObject();
                response.putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result).encode());
            }
        })).listen(port, "127.0.0.1").await();
    }

    private JsonObject call() {
        return loop.await(() -> client.request("tools/call", new JsonObject().put("name", "echo").put("arguments", new JsonObject())));
    }
}
