package dev.mcpgw.edge.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.subscription.ChangeFeed;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that stops reading its standalone stream cannot make the edge hold every change for it. */
class SlowListenerTest {
    private static final JsonObject BIG_CHANGE = new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/tools/list_changed")
            .put("params", new JsonObject().put("padding", "x".repeat(16 * 1024)));
    private final Vertx vertx = Vertx.vertx();
    private final ChangeFeed feed = new ChangeFeed();
    private final AtomicInteger cut = new AtomicInteger();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CompletableFuture<Context> streamContext = new CompletableFuture<>();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        ListenStreams listens = new ListenStreams(vertx, feed, JsonObject::new, uri -> () -> { }, 64, cut::incrementAndGet);
        McpSession session = new McpSession("s-1", "alice", "2025-11-25", new JsonObject(), System::nanoTime);
        Router router = Router.router(vertx);
        router.get("/stream").handler(ctx -> {
            listens.openForSession(ctx, session, ended::countDown);
            streamContext.complete(vertx.getOrCreateContext());
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Socket openStream() throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", server.actualPort()));
        socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private void publish() throws Exception {
        streamContext.get(10, TimeUnit.SECONDS).runOnContext(v -> feed.publish(BIG_CHANGE));
    }

    @Test
    void shouldEndAStreamWhoseClientStopsReading() throws Exception {
        try (Socket unread = openStream()) {
            for (int i = 0; i < 20_000 && ended.getCount() > 0; i++) {
                publish();
                Thread.sleep(0, 100_000);
            }

            assertThat(ended.await(10, TimeUnit.SECONDS)).as("the stream ended (slow readers ended: " + cut.get() + ")").isTrue();
            assertThat(cut).hasValue(1);
        }
    }

    @Test
    void shouldKeepAStreamWhoseClientReads() throws Exception {
        try (Socket reading = openStream()) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(reading.getInputStream(), StandardCharsets.UTF_8));
            int received = 0;
            for (int i = 0; i < 300; i++) {
                publish();
                while (received <= i) {
                    String line = lines.readLine();
                    if (line.startsWith("data: ")) {
                        received++;
                    }
                }
            }

            assertThat(received).isEqualTo(300);
            assertThat(cut).hasValue(0);
            assertThat(ended.getCount()).isEqualTo(1);
        }
    }
}
