package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway's subscriptions/listen on a 2026-07-28 server (the TypeScript SDK v2 server) stays
 * open: a stream the server ends is opened again, the lists it listened for are then reported
 * changed (a change in the gap went unheard), and later changes arrive on the new stream; a server
 * started again is listened to again.
 */
@Timeout(60)
class ServerListenTest {
    @TempDir
    Path temp;

    private static final String TOOLS_CHANGED = "notifications/tools/list_changed";
    private final EventLoop loop = new EventLoop();
    private final List<JsonObject> notifications = new CopyOnWriteArrayList<>();
    private Path callLog;
    private DownstreamClient client;
    private NodePeers.HttpToolServer httpServer;

    @BeforeEach
    void requireNode() throws Exception {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        callLog = temp.resolve("calls.log");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            loop.await(client::close);
        }
        if (httpServer != null) {
            httpServer.close();
        }
        loop.close();
    }

    private DownstreamSpec stdioSpec() {
        McpPeers.StdioCommand server = NodePeers.toolServer(callLog);
        return new DownstreamSpec("node", server.command(), server.args(), server.env(), null, null, "node");
    }

    private DownstreamClient started(DownstreamClient fresh) {
        client = fresh;
        client.onNotification(notifications::add);
        loop.await(client::start);
        assertThat(client.protocolVersion()).isEqualTo(ProtocolVersions.V2026_07_28);
        return client;
    }

    private DownstreamClient stdio() {
        return started(new StdioDownstream(stdioSpec(), loop.context(), Duration.ofSeconds(30)));
    }

    private DownstreamClient http() {
        httpServer = NodePeers.httpToolServer(callLog);
        return started(new HttpDownstream(new DownstreamSpec("node", null, null, null, httpServer.url(), Map.of(), "node"),
                loop.context(), Duration.ofSeconds(30)));
    }

    private String call(String tool, JsonObject arguments) {
        return loop.await(() -> client.request("tools/call", new JsonObject().put("name", tool).put("arguments", arguments)))
                .getJsonArray("content").getJsonObject(0).getString("text");
    }

    private long toolListChanges() {
        return notifications.stream().filter(n -> TOOLS_CHANGED.equals(n.getString("method"))).count();
    }

    /** The gateway is listening on a stream that carries the server's changes: a tool grown now is heard of. */
    private void assertChangesAreHeard() {
        long before = toolListChanges();
        call("grow", new JsonObject());
        await().atMost(Duration.ofSeconds(10)).until(() -> toolListChanges() == before + 1);
    }

    @Test
    void shouldListenAgainToAStdioServerThatEndsTheStreamWithItsResult() {
        stdio();
        assertChangesAreHeard();

        assertThat(call("end_listens", new JsonObject())).isEqualTo("ended 1");

        await().atMost(Duration.ofSeconds(10)).until(() -> toolListChanges() == 2);
        assertChangesAreHeard();
    }

    @ParameterizedTest(name = "ended with {0}")
    @ValueSource(strings = {"result", "drop"})
    void shouldListenAgainToAnHttpServerThatEndsTheStream(String how) {
        http();
        assertChangesAreHeard();

        assertThat(call("end_listens", new JsonObject().put("how", how))).isEqualTo("ended 1");

        await().atMost(Duration.ofSeconds(10)).until(() -> toolListChanges() == 2);
        assertChangesAreHeard();
        assertThat(McpPeers.callsReceived(callLog)).contains("end_listens\t1").doesNotContain("end_listens\t0");
    }

    @Test
    void shouldPassTheServersChangesOnWithoutTheGatewaysSubscriptionId() {
        stdio();

        assertChangesAreHeard();

        assertThat(notifications).allSatisfy(n -> assertThat(n.encode()).doesNotContain(MetaKeys.SUBSCRIPTION_ID));
    }

    @Test
    void shouldListenToAServerStartedAgainAfterItsProcessDied() {
        DownstreamSpec spec = stdioSpec();
        AtomicInteger restarts = new AtomicInteger();
        RestartingDownstream restarting = new RestartingDownstream("node", () -> new StdioDownstream(spec, loop.context(), Duration.ofSeconds(30)),
                started -> Future.succeededFuture(), loop.context(),
                new RestartingDownstream.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20)), restarts::incrementAndGet);
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        started(restarting);
        ProcessHandle server = ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).findFirst().orElseThrow();

        server.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> restarts.get() == 1);

        assertChangesAreHeard();
    }
}
