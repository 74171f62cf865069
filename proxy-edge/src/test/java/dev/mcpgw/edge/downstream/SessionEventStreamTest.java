package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpHeaders;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.testsupport.NodePeers;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A session-era server over HTTP says what happens outside any request (list changes, resource
 * updates) on its session's standalone stream: the gateway keeps one open, opens it again when it
 * ends (then reporting the server's lists changed, since it may have missed a change), asks no more
 * when the server offers none, and drops what on it is not JSON-RPC. The
 * hostile servers here are plain HTTP servers that open a session and then misbehave on the stream.
 */
@Timeout(60)
class SessionEventStreamTest {
    @TempDir
    Path temp;

    private static final String TOOLS_CHANGED = "notifications/tools/list_changed";
    private static final String PROMPTS_CHANGED = "notifications/prompts/list_changed";
    private final EventLoop loop = new EventLoop();
    private final List<JsonObject> notifications = new CopyOnWriteArrayList<>();
    private final AtomicInteger streamsAsked = new AtomicInteger();
    /** What the gateway POSTed to a hostile server, and the stream a hostile server holds open, if one does. */
    private final List<JsonObject> posted = new CopyOnWriteArrayList<>();
    private final AtomicReference<HttpServerResponse> heldStream = new AtomicReference<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(HttpDownstream.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private DownstreamClient client;
    private NodePeers.HttpToolServer toolServer;

    @AfterEach
    void stop() {
        log.detachAppender(logged);
        if (client != null) {
            loop.await(client::close);
        }
        if (toolServer != null) {
            toolServer.close();
        }
        loop.close();
    }

    @Test
    void shouldHearASessionEraServersToolListChangeOutsideAnyRequest() throws Exception {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        toolServer = NodePeers.httpToolServer(temp.resolve("calls.log"));
        started(toolServer.url());

        // The server tells only a stream open at the time of the change: the tool list grows until the stream is.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
            loop.await(() -> client.request("tools/call", new JsonObject().put("name", "grow").put("arguments", new JsonObject())));
            return notifications.stream().anyMatch(n -> TOOLS_CHANGED.equals(n.getString("method")));
        });
    }

    @Test
    void shouldDropWhatIsNotJsonRpcOnTheStreamAndPassOnWhatIs() {
        started(hostileServer(stream -> stream.end("data: not json\n\n" + "data: [1, \"two\"]\n\n" + "data: {\"jsonrpc\":\n\n"
                + "data: {\"foo\": 1}\n\n" + "data: {\"jsonrpc\":\"2.0\",\"method\":\"" + PROMPTS_CHANGED + "\"}\n\n")));

        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.stream().anyMatch(n -> PROMPTS_CHANGED.equals(n.getString("method"))));
        // The tool list changes the gateway reports itself each time it opens the stream again.
        assertThat(notifications).extracting(n -> n.getString("method")).isSubsetOf(PROMPTS_CHANGED, TOOLS_CHANGED);
    }

    @Test
    void shouldSkipAPrimingEventOnTheStreamWithoutWarning() {
        logged.start();
        log.addAppender(logged);
        started(hostileServer(stream -> stream.setChunked(true).write("id: priming-1\nretry: 1000\ndata:\n\n"
                + "data: {\"jsonrpc\":\"2.0\",\"method\":\"" + PROMPTS_CHANGED + "\"}\n\n")));

        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.stream().anyMatch(n -> PROMPTS_CHANGED.equals(n.getString("method"))));
        assertThat(logged.list).noneMatch(line -> line.getLevel().isGreaterOrEqual(Level.WARN));
    }

    @Test
    void shouldReportTheServersListsChangedWhenItOpensTheStreamAgain() {
        started(hostileServer(stream -> stream.end()));

        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.stream().anyMatch(n -> TOOLS_CHANGED.equals(n.getString("method"))));

        assertThat(streamsAsked.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldOpenTheStreamAgainAfterABackoffWhenTheServerEndsIt() throws Exception {
        started(hostileServer(stream -> stream.end()));

        // At once, then after 0.5 s, 1 s, 2 s, ...: a server that ends every stream is not hammered.
        assertThat(streamsAskedAfter(2, Duration.ofSeconds(1))).isBetween(2, 4);
    }

    @Test
    void shouldAskLessAndLessOftenAServerThatEndsEveryStreamAtOnce() throws Exception {
        started(hostileServer(stream -> stream.end()));

        // Asked again after 0.5 s, 1 s, 2 s: four streams in these 4 s, where reopening every 0.5 s made eight or nine.
        assertThat(streamsAskedAfter(1, Duration.ofSeconds(4))).isBetween(3, 5);
    }

    @Test
    void shouldOpenAgainAfterTheFirstWaitEachStreamThatCarriedAnEvent() throws Exception {
        started(hostileServer(stream -> stream.end("data: {\"jsonrpc\":\"2.0\",\"method\":\"" + PROMPTS_CHANGED + "\"}\n\n")));

        // Each stream worked, so each is opened again 0.5 s after it ended: about eight in these 4 s.
        assertThat(streamsAskedAfter(1, Duration.ofSeconds(4))).isGreaterThanOrEqualTo(6);
    }

    /** How many streams the server has been asked for {@code meanwhile} after it was asked for {@code first}. */
    private int streamsAskedAfter(int first, Duration meanwhile) throws InterruptedException {
        await().atMost(Duration.ofSeconds(10)).until(() -> streamsAsked.get() >= first);
        Thread.sleep(meanwhile.toMillis());
        return streamsAsked.get();
    }

    /** A server that closes idle streams now and then (a proxy's idle timeout) is not backed off for it. */
    @Test
    @Timeout(90)
    void shouldOpenAgainAfterTheFirstWaitAStreamThatStayedOpenLongBeforeItEnded() {
        AtomicLong longStreamEnded = new AtomicLong();
        AtomicLong nextStreamAsked = new AtomicLong();
        started(hostileServer(stream -> {
            int asked = streamsAsked.get();
            if (asked <= 3) {
                stream.end();
            } else if (asked == 4) {
                stream.setChunked(true).write(": open\n\n");
                loop.vertx().setTimer(SessionEventStream.MAX_RETRY.toMillis() + 1_000, t -> {
                    longStreamEnded.set(System.nanoTime());
                    stream.end();
                });
            } else {
                nextStreamAsked.compareAndSet(0, System.nanoTime());
                stream.setChunked(true).write(": open\n\n");
            }
        }));

        await().atMost(Duration.ofSeconds(60)).until(() -> nextStreamAsked.get() != 0);
        // Three streams ended at once had grown the wait to 4 s; the long one started it over at 0.5 s.
        assertThat(Duration.ofNanos(nextStreamAsked.get() - longStreamEnded.get())).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldNotAskAgainAServerThatOffersNoStream() throws Exception {
        started(hostileServer(stream -> stream.setStatusCode(405).end()));

        await().atMost(Duration.ofSeconds(10)).until(() -> streamsAsked.get() == 1);
        Thread.sleep(1_500);
        assertThat(streamsAsked.get()).isEqualTo(1);
    }

    /**
     * A request on the stream belongs to no call: it is refused (-32601), never put to the client of
     * whichever call happens to be in flight (as a stdio server's request is, where that is all the
     * gateway can go by). The server sends it while a call of a client that declared sampling runs.
     */
    @Test
    void shouldRefuseARequestOnTheStreamRatherThanPutItToTheClientOfACallInFlight() {
        started(hostileServer(stream -> {
            stream.setChunked(true).write(": open\n\n");
            heldStream.set(stream);
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> heldStream.get() != null);

        loop.context().runOnContext(v -> client.request("tools/call", new JsonObject().put("name", "slow"), n -> { }, new Cancellation(),
                ClientRequests.declaredOnly(new JsonObject().put("sampling", new JsonObject()))));

        await().atMost(Duration.ofSeconds(10)).until(() -> posted.stream().anyMatch(m -> "sample-1".equals(m.getValue("id"))));
        JsonObject answer = posted.stream().filter(m -> "sample-1".equals(m.getValue("id"))).findFirst().orElseThrow();
        assertThat(answer.getJsonObject("error").getInteger("code")).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
    }

    /**
     * A server that opens a session on initialize, takes every other POST, and answers each GET
     * in the session with {@code stream}, an event stream whose headers are set.
     */
    private String hostileServer(Consumer<HttpServerResponse> stream) {
        HttpServer server = loop.vertx().createHttpServer().requestHandler(request -> {
            if (request.method() == HttpMethod.GET && "s1".equals(request.getHeader(McpHeaders.SESSION))) {
                streamsAsked.incrementAndGet();
                stream.accept(request.response().putHeader("Content-Type", "text/event-stream"));
            } else if (request.method() == HttpMethod.POST) {
                request.body().onSuccess(body -> answerPost(request, body.toJsonObject()));
            } else {
                request.response().end();
            }
        }).listen(0, "127.0.0.1").await();
        return "http://127.0.0.1:" + server.actualPort() + "/mcp";
    }

    private void answerPost(HttpServerRequest request, JsonObject message) {
        posted.add(message);
        if ("tools/call".equals(message.getString("method")) && heldStream.get() != null) {
            // The call is left running; meanwhile the server asks for a completion on its stream.
            JsonObject sample = new JsonObject().put("jsonrpc", "2.0").put("id", "sample-1").put("method", "sampling/createMessage")
                    .put("params", new JsonObject().put("messages", new JsonArray()).put("maxTokens", 10));
            heldStream.get().write("data: " + sample.encode() + "\n\n");
            return;
        }
        if (!"initialize".equals(message.getString("method"))) {
            request.response().setStatusCode(202).end();
            return;
        }
        JsonObject result = new JsonObject().put("protocolVersion", ProtocolVersions.V2025_11_25).put("capabilities",
                new JsonObject().put("tools", new JsonObject().put("listChanged", true)))
                .put("serverInfo", new JsonObject().put("name", "hostile").put("version", "1"));
        request.response().putHeader("Content-Type", "application/json").putHeader(McpHeaders.SESSION, "s1")
                .end(new JsonObject().put("jsonrpc", "2.0").put("id", message.getValue("id")).put("result", result).encode());
    }

    private void started(String url) {
        client = new HttpDownstream(new DownstreamSpec("node", null, null, null, url, Map.of(), "node", ProtocolVersions.V2025_11_25),
                loop.context(), Duration.ofSeconds(30));
        client.onNotification(notifications::add);
        loop.await(client::start);
    }
}
