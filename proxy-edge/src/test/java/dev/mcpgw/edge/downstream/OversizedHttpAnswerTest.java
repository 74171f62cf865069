package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpHeaders;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An HTTP tool server is not trusted to bound its answers: a JSON body, a declared Content-Length,
 * or an event of its event stream over the server's cap is not read on. The call it answered fails
 * at once naming the cap (never at the downstream timeout, never with any of the answer), the
 * connection is closed so the server's further bytes are not even received, the message is counted,
 * and the server's later calls are served. Each hostile answer here is ten times the cap, or endless.
 */
@Timeout(60)
class OversizedHttpAnswerTest {
    private static final int CAP = 64 * 1024;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Far below the request timeout: an answer over the cap fails its call at once, not when the wait runs out. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private final EventLoop loop = new EventLoop();
    private final AtomicInteger counted = new AtomicInteger();
    private final AtomicInteger listenStreamsAsked = new AtomicInteger();
    private final AtomicBoolean floodTheListenStream = new AtomicBoolean();
    /** Completed when the server finds the connection it was flooding without end closed by the gateway. */
    private final Promise<Void> floodCutOff = Promise.promise();
    private HttpDownstream client;

    @AfterEach
    void stop() {
        if (client != null) {
            loop.await(client::close);
        }
        loop.close();
    }

    @Test
    void shouldFailACallWhoseJsonAnswerGrowsPastTheCapAndServeTheNextOne() {
        started();

        assertFailsPromptlyNamingTheCap("json_flood");

        assertThat(counted).hasValue(1);
        assertThat(echo("still here")).isEqualTo("still here");
    }

    @Test
    void shouldRefuseAnAnswerWhoseContentLengthIsOverTheCapWithoutWaitingForItsBody() {
        started();

        assertFailsPromptlyNamingTheCap("declared_flood");

        assertThat(counted).hasValue(1);
        assertThat(echo("still here")).isEqualTo("still here");
    }

    @Test
    void shouldFailACallWhoseAnswerEventIsOverTheCapAndServeTheNextOne() {
        started();

        assertFailsPromptlyNamingTheCap("sse_flood");

        assertThat(counted).hasValue(1);
        assertThat(echo("still here")).isEqualTo("still here");
    }

    @Test
    void shouldFailACallWhoseAnswerStreamNeverEndsItsEventAndCutTheStream() {
        started();

        assertFailsPromptlyNamingTheCap("sse_endless");

        assertThat(floodCutOff.future().await()).isNull();
        assertThat(counted).hasValue(1);
        assertThat(echo("still here")).isEqualTo("still here");
    }

    @Test
    void shouldOpenTheListenStreamAgainWhenAnEventOnItIsOverTheCap() {
        floodTheListenStream.set(true);

        started();

        await().atMost(PROMPTLY).until(() -> listenStreamsAsked.get() >= 2);
        assertThat(counted).hasValue(1);
        assertThat(echo("still here")).isEqualTo("still here");
    }

    private void assertFailsPromptlyNamingTheCap(String tool) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> call(tool, "unused"))
                .isInstanceOf(RpcException.class)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCodes.DOWNSTREAM_UNAVAILABLE))
                .hasMessage("tool server hostile unavailable: it sent a message over its cap of " + CAP
                        + " bytes (mcpServers.hostile.maxMessageBytes)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
    }

    private String echo(String text) {
        return call("echo", text).getJsonArray("content").getJsonObject(0).getString("text");
    }

    private JsonObject call(String tool, String text) {
        return loop.await(() -> client.request("tools/call", new JsonObject().put("name", tool)
                .put("arguments", new JsonObject().put("text", text))));
    }

    private void started() {
        int port = hostileServer().actualPort();
        client = new HttpDownstream(new DownstreamSpec("hostile", null, null, null, "http://127.0.0.1:" + port + "/mcp", null, "hostile",
                "2025-11-25").withMaxMessageBytes(CAP), loop.context(), REQUEST_TIMEOUT, counted::incrementAndGet);
        loop.await(client::start);
    }

    /**
     * A session-era server: initialize opens a session, echo answers, and the other tools answer
     * past the cap: a JSON body of ten times it, a Content-Length of ten times it with no body
     * sent, an event of ten times it, an event that never ends. Its listen stream is refused (405),
     * or, when asked to, floods its first event.
     */
    private HttpServer hostileServer() {
        return loop.vertx().createHttpServer().requestHandler(request -> {
            if (request.method() == HttpMethod.GET) {
                listen(request);
                return;
            }
            if (request.method() == HttpMethod.DELETE) {
                request.response().end();
                return;
            }
            request.body().onSuccess(body -> {
                JsonObject message = body.toJsonObject();
                Object id = message.getValue("id");
                if (id == null) {
                    request.response().setStatusCode(202).end();
                } else if ("initialize".equals(message.getString("method"))) {
                    json(request, id, new JsonObject().put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject()
                            .put("tools", new JsonObject())).put("serverInfo", new JsonObject().put("name", "hostile").put("version", "1")));
                } else if ("tools/call".equals(message.getString("method"))) {
                    call(request, id, message.getJsonObject("params"));
                } else {
                    json(request, id, new JsonObject());
                }
            });
        }).listen(0, "127.0.0.1").await();
    }

    private void call(HttpServerRequest request, Object id, JsonObject params) {
        HttpServerResponse response = request.response();
        String opening = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"";
        switch (params.getString("name")) {
            case "json_flood" -> flood(response.setChunked(true).putHeader("Content-Type", "application/json"), opening, 10L * CAP, "\"}]}}");
            case "declared_flood" -> response.putHeader("Content-Type", "application/json")
                    .putHeader("Content-Length", Long.toString(10L * CAP)).writeHead();
            case "sse_flood" -> flood(response.setChunked(true).putHeader("Content-Type", "text/event-stream"), "data: " + opening, 10L * CAP,
                    "\"}]}}\n\n");
            case "sse_endless" -> flood(response.setChunked(true).putHeader("Content-Type", "text/event-stream"), "data: " + opening,
                    Long.MAX_VALUE, "");
            default -> json(request, id, new JsonObject().put("content", new JsonArray().add(new JsonObject().put("type", "text")
                    .put("text", params.getJsonObject("arguments").getString("text")))));
        }
    }

    private void listen(HttpServerRequest request) {
        listenStreamsAsked.incrementAndGet();
        if (floodTheListenStream.compareAndSet(true, false)) {
            flood(request.response().setChunked(true).putHeader("Content-Type", "text/event-stream"), "data: ", 10L * CAP, "\n\n");
        } else if (listenStreamsAsked.get() > 1) {
            request.response().setChunked(true).putHeader("Content-Type", "text/event-stream").write(": open\n\n");
        } else {
            request.response().setStatusCode(405).end();
        }
    }

    /** Writes {@code opening}, then {@code bytes} of filler as fast as the gateway reads them, then {@code closing}. */
    private void flood(HttpServerResponse response, String opening, long bytes, String closing) {
        response.closeHandler(v -> floodCutOff.tryComplete());
        response.exceptionHandler(e -> floodCutOff.tryComplete());
        response.write(opening);
        writeFiller(response, Buffer.buffer("x".repeat(8 * 1024)), bytes, closing);
    }

    private void writeFiller(HttpServerResponse response, Buffer chunk, long left, String closing) {
        long remaining = left;
        while (remaining > 0 && !response.writeQueueFull() && !floodCutOff.future().isComplete()) {
            response.write(chunk);
            remaining -= chunk.length();
        }
        if (floodCutOff.future().isComplete()) {
            return;
        }
        if (remaining <= 0) {
            response.end(closing);
            return;
        }
        long rest = remaining;
        response.drainHandler(v -> writeFiller(response, chunk, rest, closing));
    }

    private static void json(HttpServerRequest request, Object id, JsonObject result) {
        request.response().putHeader("Content-Type", "application/json").putHeader(McpHeaders.SESSION, "s-1")
                .end(new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result).encode());
    }
}
