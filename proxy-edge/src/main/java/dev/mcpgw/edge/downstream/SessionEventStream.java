package dev.mcpgw.edge.downstream;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone event stream of a session-era server over HTTP (a GET on its endpoint in the
 * session), which carries what the server says outside any request: list changes, resource
 * updates. Kept open for as long as the connection is: a stream that ends or fails, or that the
 * server refuses (a session it forgot, a restart), is opened again, after a backoff from
 * {@link #FIRST_RETRY} doubling to {@link #MAX_RETRY} that resets once a stream has carried an event
 * or stayed open {@link #MAX_RETRY}: a server that ends or floods every stream at once is asked
 * less and less often, one that closes idle streams now and then is not backed off. A server
 * that offers no such stream (405) is not asked again. A stream opened again tells {@code reopened}:
 * what the server said in the gap went unheard. An event longer than {@code maxEventBytes} is
 * not read on: {@code overCap} is told, and the stream is closed and opened again, its event lost
 * like any said in a gap. Event loop only.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#listening-for-messages-from-the-server">Listening for Messages from the Server</a>
 */
final class SessionEventStream {
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(SessionEventStream.class);

    private final String server;
    private final HttpClient http;
    private final Vertx vertx;
    private final Supplier<RequestOptions> request;
    private final int maxEventBytes;
    private final Consumer<String> data;
    private final Consumer<String> overCap;
    private final Runnable reopened;
    private boolean everOpen;
    private Duration nextRetry = FIRST_RETRY;
    private long retryTimer = -1;
    private HttpClientResponse open;
    private long openedAt;
    private boolean stopped;

    /**
     * {@code request} makes the GET for the session as it is now; each event's data goes to
     * {@code data}; {@code overCap} is told how the server went past {@code maxEventBytes}.
     */
    SessionEventStream(String server, HttpClient http, Vertx vertx, Supplier<RequestOptions> request, int maxEventBytes,
                       Consumer<String> data, Consumer<String> overCap, Runnable reopened) {
        this.server = server;
        this.http = http;
        this.vertx = vertx;
        this.request = request;
        this.maxEventBytes = maxEventBytes;
        this.data = data;
        this.overCap = overCap;
        this.reopened = reopened;
    }

    void open() {
        if (stopped || open != null || retryTimer >= 0) {
            return;
        }
        http.request(request.get().putHeader("Accept", "text/event-stream"))
                .compose(get -> get.send())
                .onSuccess(this::receive)
                .onFailure(e -> retry("it could not be opened: " + e.getMessage()));
    }

    private void receive(HttpClientResponse response) {
        String type = response.getHeader("Content-Type");
        if (response.statusCode() == 405) {
            LOG.info("tool server {} offers no event stream outside requests: its list changes and resource updates go unheard",
                    server);
            discardBody(response);
            return;
        }
        if (response.statusCode() != 200 || type == null || !type.startsWith("text/event-stream")) {
            discardBody(response);
            retry("it answered HTTP " + response.statusCode() + (type == null ? "" : " " + type));
            return;
        }
        if (stopped) {
            response.request().reset();
            return;
        }
        open = response;
        openedAt = System.nanoTime();
        SseParser parser = new SseParser(maxEventBytes, this::received, () -> cut(response));
        response.handler(chunk -> parser.feed(chunk.getBytes()));
        response.exceptionHandler(e -> ended("it broke (" + e.getMessage() + ")"));
        response.endHandler(v -> ended("the server ended it"));
        if (everOpen) {
            reopened.run();
        }
        everOpen = true;
    }

    /** An event with data shows the stream works: the backoff starts over (a priming event, its data empty, does not). */
    private void received(String eventData) {
        if (!eventData.isBlank()) {
            nextRetry = FIRST_RETRY;
        }
        data.accept(eventData);
    }

    /** A refusal's body is read only to free the connection, and no further than an event may be. */
    private void discardBody(HttpClientResponse response) {
        BoundedBody.read(response, maxEventBytes).onFailure(e -> {
            if (e instanceof BoundedBody.TooLarge tooLarge) {
                overCap.accept(tooLarge.getMessage());
            }
        });
    }

    private void cut(HttpClientResponse response) {
        overCap.accept("an event on its stream longer than that");
        ended("an event was over the cap");
        response.request().reset();
    }

    private void ended(String why) {
        if (open != null) {
            open = null;
            if (System.nanoTime() - openedAt >= MAX_RETRY.toNanos()) {
                nextRetry = FIRST_RETRY;
            }
            retry(why);
        }
    }

    private void retry(String why) {
        if (stopped || retryTimer >= 0) {
            return;
        }
        LOG.debug("tool server {}'s event stream is opened again in {} ms: {}", server, nextRetry.toMillis(), why);
        retryTimer = vertx.setTimer(nextRetry.toMillis(), t -> {
            retryTimer = -1;
            open();
        });
        Duration doubled = nextRetry.multipliedBy(2);
        nextRetry = doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
    }

    /** The connection is closing: the stream ends and is not opened again. */
    void stop() {
        stopped = true;
        vertx.cancelTimer(retryTimer);
        if (open != null) {
            open.request().reset();
            open = null;
        }
    }
}
