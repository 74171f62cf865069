package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A stream of the servers' changes as a client of the gateway reads it, as alice: a 2026-07-28
 * subscriptions/listen stream, or a session's standalone stream (GET). Its lines, as they come.
 */
final class ChangeStream implements AutoCloseable {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private ChangeStream(HttpRequest request) {
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> new Thread(() -> {
            try {
                r.body().forEach(lines::add);
            } catch (UncheckedIOException closed) {
                // The test closed the stream.
            }
        }).start());
    }

    /** A 2026-07-28 subscriptions/listen request of alice's with this id, opting in to {@code notifications}. */
    static ChangeStream listen(String mcpUrl, int id, JsonObject notifications) {
        return listen(mcpUrl, id, notifications, EdgeFixture.ALICE_KEY);
    }

    /** The same, authenticated with {@code apiKey}. */
    static ChangeStream listen(String mcpUrl, int id, JsonObject notifications, String apiKey) {
        JsonObject request = RawMcpHttp.statelessRequest(id, "subscriptions/listen", new JsonObject().put("notifications", notifications));
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(mcpUrl))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(request.encode()));
        RawMcpHttp.statelessHeaders(request).forEach((name, value) -> http.header(name, name.equals("Authorization") ? "Bearer " + apiKey : value));
        return new ChangeStream(http.build());
    }

    /** A session-era client's standalone stream (GET). */
    static ChangeStream ofSession(String mcpUrl, String session) {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(mcpUrl)).header("Accept", "text/event-stream").GET();
        RawMcpHttp.session(session).forEach(http::header);
        return new ChangeStream(http.build());
    }

    int status() throws Exception {
        return response.get(10, TimeUnit.SECONDS).statusCode();
    }

    /** The next message on the stream, skipping comments. */
    JsonObject nextMessage(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("a message on the stream").isNotNull();
            if (line.startsWith("data: ")) {
                return new JsonObject(line.substring(6));
            }
        }
    }

    boolean sawLineStartingWith(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        while ((line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
