package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.testsupport.NodePeers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An HTTP tool server (the TypeScript SDK server) that stops answering while its process lives
 * (stopped, then resumed) is lost, and got back once it answers again, in either era; a call in
 * flight that the loss fails does not report it lost a second time; a restart that does not finish
 * in time is given up and tried again.
 */
@Timeout(120)
class HttpToolServerResumeTest {
    @TempDir
    Path temp;

    private static final RestartingDownstream.Backoff QUICK = new RestartingDownstream.Backoff(Duration.ofMillis(100), Duration.ofMillis(500), null);
    private final EventLoop loop = new EventLoop();
    private final AtomicInteger restarts = new AtomicInteger();
    private NodePeers.HttpToolServer server;
    private RestartingDownstream client;

    @BeforeEach
    void requireNode() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            loop.await(client::close);
        }
        if (server != null) {
            signal("CONT");
            server.close();
        }
        loop.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {ProtocolVersions.V2026_07_28, "2025-11-25"})
    void shouldGetAServerBackThatStoppedAnsweringOnceItAnswersAgain(String protocol) throws Exception {
        server = NodePeers.httpToolServer(temp.resolve("calls.log"));
        DownstreamSpec spec = new DownstreamSpec("node", null, null, null, server.url(), Map.of(), "node", protocol);
        client = new RestartingDownstream("node", () -> new HttpDownstream(spec, loop.context(), Duration.ofSeconds(2)),
                started -> Future.succeededFuture(), loop.context(), QUICK, restarts::incrementAndGet);
        loop.await(client::start);
        assertThat(client.protocolVersion()).isEqualTo(protocol);

        signal("STOP");
        assertThatThrownBy(() -> echo("unanswered")).isInstanceOf(RpcException.class).hasMessageContaining("tool server node unavailable");
        await().atMost(Duration.ofSeconds(30)).until(() -> !client.isUp());
        signal("CONT");

        await().atMost(Duration.ofSeconds(30)).until(client::isUp);
        assertThat(restarts).hasValue(1);
        assertThat(echo("back").getJsonArray("content").getJsonObject(0).getString("text")).contains("back");
    }

    @Test
    void shouldTellOfALossOnceAndRestartOnceWhenACallInFlightFailsWithIt() throws Exception {
        server = NodePeers.httpToolServer(temp.resolve("calls.log"));
        DownstreamSpec spec = new DownstreamSpec("node", null, null, null, server.url(), Map.of(), "node", ProtocolVersions.V2026_07_28);
        client = new RestartingDownstream("node", () -> new HttpDownstream(spec, loop.context(), Duration.ofSeconds(2)),
                started -> Future.succeededFuture(), loop.context(), QUICK, restarts::incrementAndGet);
        List<String> losses = new CopyOnWriteArrayList<>();
        client.onDisconnected(losses::add);
        loop.await(client::start);

        signal("STOP");
        assertThatThrownBy(() -> echo("unanswered")).isInstanceOf(RpcException.class);
        // In flight when the unanswered ping (2 s after the call failed) closes the connection: it fails with the loss.
        Thread.sleep(1000);
        loop.context().runOnContext(v -> client.request("tools/call", new JsonObject().put("name", "echo")
                .put("arguments", new JsonObject().put("text", "in flight"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> !client.isUp());
        signal("CONT");

        await().atMost(Duration.ofSeconds(30)).until(client::isUp);
        Thread.sleep(1000);
        assertThat(losses).hasSize(1);
        assertThat(restarts).hasValue(1);
    }

    @Test
    void shouldGiveUpARestartThatDoesNotFinishInTimeAndTryAgain() throws Exception {
        server = NodePeers.httpToolServer(temp.resolve("calls.log"));
        DownstreamSpec spec = new DownstreamSpec("node", null, null, null, server.url(), Map.of(), "node", ProtocolVersions.V2026_07_28);
        AtomicInteger afterStarts = new AtomicInteger();
        // What follows the first restart never ends, as a stream or a list the server never finishes would not.
        client = new RestartingDownstream("node", () -> new HttpDownstream(spec, loop.context(), Duration.ofSeconds(2)),
                started -> afterStarts.incrementAndGet() == 2 ? Promise.<Void>promise().future() : Future.succeededFuture(), loop.context(),
                new RestartingDownstream.Backoff(Duration.ofMillis(100), Duration.ofMillis(500), null, Duration.ofSeconds(3)),
                restarts::incrementAndGet);
        loop.await(client::start);

        signal("STOP");
        assertThatThrownBy(() -> echo("unanswered")).isInstanceOf(RpcException.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> !client.isUp());
        signal("CONT");

        await().atMost(Duration.ofSeconds(30)).until(client::isUp);
        assertThat(afterStarts).hasValue(3);
        assertThat(restarts).hasValue(1);
        assertThat(echo("back").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("back");
    }

    private void signal(String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, String.valueOf(server.process().pid())).start().waitFor()).isZero();
    }

    private JsonObject echo(String text) {
        return loop.await(() -> client.request("tools/call",
                new JsonObject().put("name", "echo").put("arguments", new JsonObject().put("text", text))));
    }
}
