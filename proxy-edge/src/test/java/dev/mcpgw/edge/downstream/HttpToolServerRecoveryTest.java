package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.testsupport.FreePort;
import dev.mcpgw.testsupport.HttpDemoServer;
import dev.mcpgw.testsupport.McpPeers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP tool server that goes away (its connections refused) is reported down; calls meanwhile
 * fail at once naming why; once it answers again it gets a new session, with backoff.
 */
@Timeout(120)
class HttpToolServerRecoveryTest {
    @TempDir
    Path temp;

    private static final RestartingDownstream.Backoff QUICK = new RestartingDownstream.Backoff(Duration.ofMillis(100), Duration.ofMillis(500), null);
    private final EventLoop loop = new EventLoop();
    private final AtomicInteger reinitialized = new AtomicInteger();
    private final int port = FreePort.pick();
    private HttpDemoServer demo;
    private RestartingDownstream client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            loop.await(client::close);
        }
        if (demo != null) {
            demo.close();
        }
        loop.close();
    }

    @Test
    void shouldFailCallsAtOnceWhileTheServerIsGoneAndServeThemAgainOnceItIsBack() throws Exception {
        Path callLog = temp.resolve("calls.log");
        demo = new HttpDemoServer(callLog, port);
        DownstreamSpec spec = new DownstreamSpec("demo", null, null, null, demo.url(), null, "demo", null);
        client = new RestartingDownstream("demo", () -> new HttpDownstream(spec, loop.context(), Duration.ofSeconds(20)),
                started -> Future.succeededFuture(), loop.context(), QUICK, reinitialized::incrementAndGet);
        loop.await(client::start);

        demo.close();
        demo = null;
        assertThatThrownBy(() -> add(1, 1)).isInstanceOf(RpcException.class).hasMessageContaining("tool server demo unavailable");
        await().atMost(Duration.ofSeconds(30)).until(() -> !client.isUp());

        assertThatThrownBy(() -> add(1, 2))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("tool server demo unavailable: stopped answering")
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCodes.DOWNSTREAM_UNAVAILABLE));

        demo = new HttpDemoServer(callLog, port);
        await().atMost(Duration.ofSeconds(30)).until(() -> reinitialized.get() == 1);
        assertThat(add(2, 3).getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("5.0");
        assertThat(McpPeers.callsReceived(callLog)).hasSize(1);
    }

    private JsonObject add(int a, int b) {
        return loop.await(() -> client.request("tools/call",
                new JsonObject().put("name", "add").put("arguments", new JsonObject().put("a", a).put("b", b))));
    }
}
