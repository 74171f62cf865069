package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpHeaders;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.testsupport.FreePort;
import dev.mcpgw.testsupport.HttpDemoServer;
import dev.mcpgw.testsupport.McpPeers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session-era HTTP tool server that forgets the gateway's session (it restarted, or the session
 * expired) answers 404: the gateway opens a new session and sends the refused call again, once.
 */
@Timeout(60)
class HttpSessionRenewalTest {
    @TempDir
    Path temp;

    private final EventLoop loop = new EventLoop();
    private final int port = FreePort.pick();
    private HttpDemoServer demo;
    private HttpDownstream client;

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
    void shouldOpenANewSessionAndRunTheCallOnceWhenTheServerRestartedAndForgotTheOldOne() throws Exception {
        Path callLog = temp.resolve("calls.log");
        demo = new HttpDemoServer(callLog, port);
        client = started(demo.url());
        assertThat(text(add(1, 2))).isEqualTo("3.0");

        demo.close();
        demo = new HttpDemoServer(callLog, port);

        assertThat(text(add(2, 3))).isEqualTo("5.0");
        assertThat(McpPeers.callsReceived(callLog)).hasSize(2);
        assertThat(text(add(3, 4))).isEqualTo("7.0");
        assertThat(McpPeers.callsReceived(callLog)).hasSize(3);
    }

    @Test
    void shouldSetTheLogLevelAgainInTheNewSession() throws Exception {
        Path callLog = temp.resolve("calls.log");
        demo = new HttpDemoServer(callLog, port);
        client = started(demo.url());
        assertThat(logsOfCountingTo(2)).containsExactly("counted to 2");
        loop.await(() -> client.setLogLevel("warning"));
        assertThat(logsOfCountingTo(2)).isEmpty();

        demo.close();
        demo = new HttpDemoServer(callLog, port);

        assertThat(logsOfCountingTo(3)).isEmpty();
        assertThat(McpPeers.callsReceived(callLog)).hasSize(3);
    }

    /** The log messages the demo server sends about a count_slowly call (at info, when done), as the gateway gets them. */
    private List<String> logsOfCountingTo(int to) {
        List<String> logs = new CopyOnWriteArrayList<>();
        loop.await(() -> client.request("tools/call", new JsonObject().put("name", "count_slowly").put("arguments", new JsonObject().put("to", to)),
                log -> logs.add(log.getJsonObject("params").getString("data")), new Cancellation(), ClientRequests.declaredOnly(new JsonObject())));
        return logs;
    }

    @Test
    void shouldGiveTheCallAClearErrorWhenTheNewSessionCannotBeOpened() throws Exception {
        Path callLog = temp.resolve("calls.log");
        demo = new HttpDemoServer(callLog, port);
        client = started(demo.url());
        demo.close();
        demo = null;
        List<String> seen = impostor(false);

        assertThatThrownBy(() -> add(1, 1))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("tool server demo unavailable: it forgot the gateway's session (HTTP 404) and opening a new one failed")
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCodes.DOWNSTREAM_UNAVAILABLE));
        assertThat(seen).containsExactly("tools/call with a session", "initialize");
    }

    @Test
    void shouldSendTheCallAgainOnlyOnceToAServerThatForgetsEverySession() throws Exception {
        List<String> seen = impostor(true);
        client = started("http://127.0.0.1:" + port + "/mcp");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
        seen.clear();

        assertThatThrownBy(() -> add(1, 1))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("tool server demo unavailable: it forgot the new session too");
        // The new session's initialized notification and the call sent again may cross on the way.
        assertThat(seen).containsExactlyInAnyOrder("tools/call with a session", "initialize", "notifications/initialized with a session",
                "tools/call with a session");
    }

    /**
     * A server on the demo's port that knows no session: when {@code opensSessions} it answers
     * initialize with a new one (and then forgets it), otherwise 404 to initialize too. Returns what
     * it was sent.
     */
    private List<String> impostor(boolean opensSessions) {
        List<String> seen = new CopyOnWriteArrayList<>();
        loop.vertx().createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (body.length() == 0) {
                request.response().setStatusCode(404).end();
                return;
            }
            JsonObject message = body.toJsonObject();
            String method = message.getString("method");
            boolean withSession = request.getHeader(McpHeaders.SESSION) != null;
            seen.add(method + (withSession ? " with a session" : ""));
            if (opensSessions && "initialize".equals(method)) {
                request.response().putHeader("Content-Type", "application/json").putHeader(McpHeaders.SESSION, "s-" + seen.size())
                        .end(new JsonObject().put("jsonrpc", "2.0").put("id", message.getValue("id")).put("result", new JsonObject()
                                .put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject().put("tools", new JsonObject()))
                                .put("serverInfo", new JsonObject().put("name", "forgetful").put("version", "1"))).encode());
            } else if (message.getValue("id") == null && withSession) {
                request.response().setStatusCode(202).end();
            } else {
                request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32001,\"message\":\"Session not found\"},\"id\":null}");
            }
        })).listen(port, "127.0.0.1").await();
        return seen;
    }

    private HttpDownstream started(String url) {
        HttpDownstream started = new HttpDownstream(new DownstreamSpec("demo", null, null, null, url, null, "demo", "2025-11-25"),
                loop.context(), Duration.ofSeconds(20));
        loop.await(started::start);
        return started;
    }

    private JsonObject add(int a, int b) {
        return loop.await(() -> client.request("tools/call",
                new JsonObject().put("name", "add").put("arguments", new JsonObject().put("a", a).put("b", b))));
    }

    private static String text(JsonObject result) {
        return result.getJsonArray("content").getJsonObject(0).getString("text");
    }
}
