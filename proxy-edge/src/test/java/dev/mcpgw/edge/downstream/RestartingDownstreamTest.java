package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.testsupport.McpPeers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A stdio tool server whose process dies is started again; calls meanwhile fail clearly or wait, bounded. */
@Timeout(120)
class RestartingDownstreamTest {
    @TempDir
    Path temp;

    private static final RestartingDownstream.Backoff QUICK = new RestartingDownstream.Backoff(
            Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20));
    /**
     * Short enough that a call to a slow tool times out in the test, long enough for a JVM tool server
     * to answer initialize (which has the same timeout) on a loaded CI machine: 1 s was not.
     */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** The demo's count_slowly takes 20 ms a step: this many outlast {@link #CALL_TIMEOUT} by seconds. */
    private static final int STEPS_PAST_THE_TIMEOUT = 400;
    private final EventLoop loop = new EventLoop();
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicInteger starts = new AtomicInteger();
    private RestartingDownstream client;

    private RestartingDownstream demo(RestartingDownstream.Backoff backoff) throws Exception {
        return demo(backoff, Duration.ofSeconds(30));
    }

    private RestartingDownstream demo(RestartingDownstream.Backoff backoff, Duration requestTimeout) throws Exception {
        McpPeers.StdioCommand demo = McpPeers.demoServer(temp.resolve("calls.log"));
        DownstreamSpec spec = new DownstreamSpec("demo", demo.command(), demo.args(), demo.env(), null, null, "demo");
        return new RestartingDownstream("demo", () -> new StdioDownstream(spec, loop.context(), requestTimeout),
                started -> {
                    starts.incrementAndGet();
                    return Future.succeededFuture();
                }, loop.context(), backoff, restarts::incrementAndGet);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            loop.await(client::close);
        }
        loop.close();
    }

    /** Starts the client and returns the process it spawned. */
    private ProcessHandle startAndFindItsProcess() {
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        loop.await(client::start);
        return ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).findFirst().orElseThrow();
    }

    private JsonObject add(int a, int b) {
        return loop.await(() -> client.request("tools/call",
                new JsonObject().put("name", "add").put("arguments", new JsonObject().put("a", a).put("b", b))));
    }

    @Test
    void shouldStartAServerAgainWhenItsProcessExits() throws Exception {
        client = demo(QUICK);
        ProcessHandle server = startAndFindItsProcess();

        server.destroyForcibly();
        await().atMost(Duration.ofSeconds(60)).until(() -> restarts.get() == 1);

        assertThat(add(1, 2).getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("3.0");
        assertThat(client.isUp()).isTrue();
        assertThat(starts).hasValue(2);
    }

    @Test
    void shouldFailACallInFlightWhenTheServerDiesAndNameWhy() throws Exception {
        client = demo(QUICK);
        ProcessHandle server = startAndFindItsProcess();
        Promise<JsonObject> slow = Promise.promise();
        loop.context().runOnContext(v -> client.request("tools/call",
                new JsonObject().put("name", "count_slowly").put("arguments", new JsonObject().put("to", 500)), n -> { },
                new Cancellation(), ClientRequests.declaredOnly(new JsonObject())).onComplete(slow));

        server.destroyForcibly();

        assertThatThrownBy(() -> slow.future().await())
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("tool server demo unavailable: process exited")
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCodes.DOWNSTREAM_UNAVAILABLE));
    }

    @Test
    void shouldLetACallMadeWhileTheServerRestartsWaitForIt() throws Exception {
        client = demo(new RestartingDownstream.Backoff(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30)));
        ProcessHandle server = startAndFindItsProcess();
        server.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.isUp());

        assertThat(add(2, 3).getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("5.0");
        assertThat(restarts).hasValue(1);
    }

    @Test
    void shouldFailACallThatWaitsLongerThanTheRestartWait() throws Exception {
        client = demo(new RestartingDownstream.Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(300)));
        ProcessHandle server = startAndFindItsProcess();
        server.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.isUp());

        assertThatThrownBy(() -> add(1, 1))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("restarting, not back within 300 ms");
    }

    @Test
    void shouldStartAServerAgainThatStopsAnsweringWhileItsProcessLives() throws Exception {
        client = demo(QUICK, CALL_TIMEOUT);
        ProcessHandle server = startAndFindItsProcess();
        new ProcessBuilder("kill", "-STOP", Long.toString(server.pid())).start().waitFor();

        assertThatThrownBy(() -> add(1, 1)).isInstanceOf(RpcException.class).hasMessageContaining("no answer to tools/call");
        await().atMost(Duration.ofSeconds(60)).until(() -> restarts.get() == 1);

        assertThat(add(2, 2).getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("4.0");
        await().atMost(Duration.ofSeconds(30)).until(() -> !server.isAlive());
    }

    @Test
    void shouldKeepAServerThatAnswersPingWhileOneOfItsToolsIsSlow() throws Exception {
        client = demo(QUICK, CALL_TIMEOUT);
        startAndFindItsProcess();

        assertThatThrownBy(() -> loop.await(() -> client.request("tools/call",
                new JsonObject().put("name", "count_slowly").put("arguments", new JsonObject().put("to", STEPS_PAST_THE_TIMEOUT)))))
                .isInstanceOf(RpcException.class).hasMessageContaining("no answer to tools/call");
        Thread.sleep(2000);

        assertThat(restarts).hasValue(0);
        assertThat(add(3, 4).getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("7.0");
    }

    @Test
    void shouldKeepAServerThatRefusesPingWithAnErrorWhileOneOfItsToolsIsSlow() throws Exception {
        DownstreamSpec spec = new DownstreamSpec("ping-refusing", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("-cp", System.getProperty("java.class.path"), PingRefusingStdioServer.class.getName()), null, null, null,
                "ping-refusing", "2025-11-25");
        client = new RestartingDownstream("ping-refusing", () -> new StdioDownstream(spec, loop.context(), CALL_TIMEOUT),
                started -> Future.succeededFuture(), loop.context(), QUICK, restarts::incrementAndGet);
        startAndFindItsProcess();

        assertThatThrownBy(() -> loop.await(() -> client.request("tools/call", new JsonObject().put("name", "slow"))))
                .isInstanceOf(RpcException.class).hasMessageContaining("no answer to tools/call");
        Thread.sleep(2000);

        assertThat(restarts).hasValue(0);
        assertThat(loop.await(() -> client.request("tools/call", new JsonObject().put("name", "echo")
                .put("arguments", new JsonObject().put("text", "still here")))).getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("still here");
    }

    @Test
    void shouldNotStartAServerAgainThatTheGatewayClosed() throws Exception {
        client = demo(QUICK);
        startAndFindItsProcess();

        loop.await(client::close);
        Thread.sleep(500);

        assertThat(restarts).hasValue(0);
        assertThat(starts).hasValue(1);
    }
}
