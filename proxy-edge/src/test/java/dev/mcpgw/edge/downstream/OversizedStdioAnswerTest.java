package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.testsupport.McpPeers;
import io.vertx.core.Future;
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

/**
 * A stdio tool server is not trusted to bound its lines: one over its cap breaks it. Which request
 * the line answers cannot be told before its end, and a server may never end it, so the process
 * is stopped: its calls fail at once naming the cap (never at the downstream timeout, never with
 * any of the answer), the line is counted, and the server, started again, serves the next call.
 */
@Timeout(120)
class OversizedStdioAnswerTest {
    @TempDir
    Path temp;

    private static final int CAP = 16 * 1024;
    private static final RestartingDownstream.Backoff QUICK = new RestartingDownstream.Backoff(
            Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Far below the request timeout: a line over the cap fails its call at once, not when the wait runs out. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private final EventLoop loop = new EventLoop();
    private final AtomicInteger counted = new AtomicInteger();
    private final AtomicInteger restarts = new AtomicInteger();
    private RestartingDownstream client;

    @AfterEach
    void stop() {
        if (client != null) {
            loop.await(client::close);
        }
        loop.close();
    }

    @Test
    void shouldStopAServerThatAnswersWithALineOverTheCapAndServeTheNextCallFromItsRestart() throws Exception {
        McpPeers.StdioCommand demo = McpPeers.demoServer(temp.resolve("calls.log"));
        client = restarting(new DownstreamSpec("demo", demo.command(), demo.args(), demo.env(), null, null, "demo", "2025-11-25"));
        loop.await(client::start);

        // The demo server echoes ten times the cap back on one line.
        assertFailsPromptlyNamingTheCap(() -> call("echo", new JsonObject().put("text", "x".repeat(10 * CAP))), "demo");

        assertThat(counted).hasValue(1);
        assertThat(call("add", new JsonObject().put("a", 2).put("b", 3)).getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("5.0");
        assertThat(restarts).hasValue(1);
    }

    @Test
    void shouldStopAServerThatWritesALineWithoutEndAndServeTheNextCallFromItsRestart() {
        client = restarting(new DownstreamSpec("flooding", javaBinary(), List.of("-cp", System.getProperty("java.class.path"),
                FloodingStdioServer.class.getName()), null, null, null, "flooding", "2025-11-25"));
        ProcessHandle server = startAndFindItsProcess();

        assertFailsPromptlyNamingTheCap(() -> call("flood", new JsonObject()), "flooding");

        await().atMost(PROMPTLY).until(() -> !server.isAlive());
        assertThat(counted).hasValue(1);
        assertThat(call("echo", new JsonObject().put("text", "still here")).getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("still here");
    }

    @Test
    void shouldServeAnAnswerJustUnderTheCap() throws Exception {
        McpPeers.StdioCommand demo = McpPeers.demoServer(temp.resolve("calls.log"));
        client = restarting(new DownstreamSpec("demo", demo.command(), demo.args(), demo.env(), null, null, "demo", "2025-11-25"));
        loop.await(client::start);
        String text = "x".repeat(CAP - 1024);

        JsonObject result = call("echo", new JsonObject().put("text", text));

        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(text);
        assertThat(counted).hasValue(0);
    }

    private void assertFailsPromptlyNamingTheCap(Runnable call, String server) {
        long started = System.nanoTime();
        assertThatThrownBy(call::run)
                .isInstanceOf(RpcException.class)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCodes.DOWNSTREAM_UNAVAILABLE))
                .hasMessage("tool server " + server + " unavailable: it sent a message over its cap of " + CAP + " bytes (mcpServers."
                        + server + ".maxMessageBytes); stopped, to be started again");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
    }

    private RestartingDownstream restarting(DownstreamSpec spec) {
        DownstreamSpec capped = spec.withMaxMessageBytes(CAP);
        return new RestartingDownstream(spec.name(), () -> new StdioDownstream(capped, loop.context(), REQUEST_TIMEOUT, counted::incrementAndGet),
                started -> Future.succeededFuture(), loop.context(), QUICK, restarts::incrementAndGet);
    }

    private ProcessHandle startAndFindItsProcess() {
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        loop.await(client::start);
        return ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).findFirst().orElseThrow();
    }

    private JsonObject call(String tool, JsonObject arguments) {
        return loop.await(() -> client.request("tools/call", new JsonObject().put("name", tool).put("arguments", arguments)));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
