package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's {@code subscriptions/listen} on one 2026-07-28 server, for every list the server
 * says may change and for the resources whose updates clients want, kept open for as long as the
 * connection is. A stream the server ends (with its result, or by closing it) or that fails is
 * opened again, after a backoff from {@link #FIRST_RETRY} doubling to {@link #MAX_RETRY} that
 * resets once a stream is acknowledged; once it is, everything it listens for is reported changed,
 * since a change in the gap went unheard. A stream not acknowledged within the request timeout is
 * ended by the gateway and counts as lost: who waits for it fails, naming the wait, rather than
 * waiting as long as the server holds it open. Other resources are listened for on a new stream, and
 * the old one is ended once the new one is acknowledged, so nothing goes unheard meanwhile. Its
 * notifications go on as the server's, without the gateway's subscription id. Event loop only.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#receiving-messages">Receiving Messages</a>
 */
final class ServerListen {
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /**
     * The longest a start waits for the first stream's acknowledgement. A server may answer every
     * request and yet never acknowledge in a way the gateway reads (the conformance suite's reference
     * server sends it as newline-separated JSON under application/json, in a response it never ends):
     * waiting a whole request timeout kept such a server down that long at each start and restart.
     */
    static final Duration FIRST_ACKNOWLEDGEMENT_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ServerListen.class);
    private static final String ACKNOWLEDGED = "notifications/subscriptions/acknowledged";
    private static final List<String> LISTS = List.of("tools", "prompts", "resources");

    private final String server;
    private final JsonRpcPeer peer;
    private final Vertx vertx;
    private final JsonObject lists;
    private final Duration acknowledgementTimeout;
    private final Consumer<JsonObject> changes;
    private final Promise<Void> firstAttempt = Promise.promise();
    private Set<String> resources = Set.of();
    /** The acknowledged stream, carrying the server's changes. */
    private Stream open;
    /** A stream sent and not yet acknowledged: a new one, or one with other resources. */
    private Stream opening;
    /** Who waits for a stream with the resources asked for last, not yet sent. */
    private List<Promise<JsonObject>> waiting = new ArrayList<>();
    private boolean missed;
    private Duration nextRetry = FIRST_RETRY;
    private long retryTimer = -1;
    private boolean stopped;

    /** One listen request, with who waits for it to be acknowledged; {@code ended} once the gateway ended it itself. */
    private static final class Stream {
        final Cancellation cancellation = new Cancellation();
        final List<Promise<JsonObject>> waiters;
        boolean ended;
        long acknowledgementTimer = -1;

        Stream(List<Promise<JsonObject>> waiters) {
            this.waiters = waiters;
        }
    }

    private ServerListen(String server, JsonRpcPeer peer, Vertx vertx, JsonObject lists, Duration acknowledgementTimeout,
                         Consumer<JsonObject> changes) {
        this.server = server;
        this.peer = peer;
        this.vertx = vertx;
        this.lists = lists;
        this.acknowledgementTimeout = acknowledgementTimeout;
        this.changes = changes;
    }

    /**
     * Listens for the lists the server's {@code capabilities} say may change, and for the updates
     * of {@code resources}, handing them to {@code changes}. Each stream is waited for at most
     * {@code acknowledgementTimeout} (the request timeout: its acknowledgement is what answers it).
     */
    static ServerListen start(String server, JsonRpcPeer peer, Vertx vertx, JsonObject capabilities, Set<String> resources,
                              Duration acknowledgementTimeout, Consumer<JsonObject> changes) {
        JsonObject lists = new JsonObject();
        for (String list : LISTS) {
            if (capabilities.getValue(list) instanceof JsonObject offered && offered.getBoolean("listChanged", false)) {
                lists.put(list + "ListChanged", true);
            }
        }
        ServerListen listen = new ServerListen(server, peer, vertx, lists, acknowledgementTimeout, changes);
        listen.resources = Set.copyOf(resources);
        listen.open();
        return listen;
    }

    /**
     * Completes once the first stream is acknowledged, so that no change made after the server
     * started goes unheard; or once it failed (it is then tried again), or after {@code atMost}
     * (at most {@link #FIRST_ACKNOWLEDGEMENT_WAIT}): the start then goes on without the stream, and
     * once one is acknowledged everything it listens for is reported changed, as after a gap.
     */
    Future<Void> listening(Duration atMost) {
        long wait = Math.min(atMost.toMillis(), FIRST_ACKNOWLEDGEMENT_WAIT.toMillis());
        long timer = vertx.setTimer(wait, t -> {
            if (!firstAttempt.future().isComplete()) {
                missed = true;
                firstAttempt.complete();
            }
        });
        return firstAttempt.future().onComplete(r -> vertx.cancelTimer(timer));
    }

    /**
     * Listens for the updates of these resources from now on, and no others: yields the filter the
     * server acknowledged (its {@code resourceSubscriptions} are those it will report), or fails
     * as the stream did.
     */
    Future<JsonObject> listenFor(Set<String> uris) {
        if (stopped) {
            return Future.failedFuture(new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + server + " unavailable: the connection closed"));
        }
        resources = Set.copyOf(uris);
        Promise<JsonObject> acknowledged = Promise.promise();
        waiting.add(acknowledged);
        if (opening == null) {
            vertx.cancelTimer(retryTimer);
            retryTimer = -1;
            open();
        }
        return acknowledged.future();
    }

    private JsonObject filter() {
        JsonObject filter = lists.copy();
        if (!resources.isEmpty()) {
            filter.put("resourceSubscriptions", new JsonArray(List.copyOf(resources)));
        }
        return filter;
    }

    private void open() {
        if (stopped) {
            return;
        }
        JsonObject filter = filter();
        List<Promise<JsonObject>> waiters = waiting;
        waiting = new ArrayList<>();
        if (filter.isEmpty()) {
            // Nothing to listen for: a stream open for what is no longer wanted ends.
            end(open);
            open = null;
            missed = false;
            firstAttempt.tryComplete();
            waiters.forEach(w -> w.tryComplete(filter));
            return;
        }
        Stream stream = new Stream(waiters);
        opening = stream;
        JsonObject listening = RequestEnvelope.forStateless(new JsonObject().put("notifications", filter), JsonRpcPeer.NO_CLIENT);
        stream.acknowledgementTimer = vertx.setTimer(acknowledgementTimeout.toMillis(), t -> unacknowledged(stream));
        peer.request(McpMethods.SUBSCRIPTIONS_LISTEN, listening,
                        notification -> received(stream, notification), stream.cancellation, JsonRpcPeer.NO_CLIENT, null)
                .onComplete(result -> {
                    vertx.cancelTimer(stream.acknowledgementTimer);
                    ended(stream, result);
                });
    }

    private void received(Stream stream, JsonObject notification) {
        if (ACKNOWLEDGED.equals(notification.getString("method"))) {
            acknowledged(stream, notification.getJsonObject("params", new JsonObject()).getJsonObject("notifications", new JsonObject()));
        } else {
            changes.accept(withoutSubscriptionId(notification));
        }
    }

    /** The stream is listening: it replaces the one open before, and whatever was asked for meanwhile is sent next. */
    private void acknowledged(Stream stream, JsonObject honoured) {
        if (stream != opening || stopped) {
            return;
        }
        vertx.cancelTimer(stream.acknowledgementTimer);
        opening = null;
        end(open);
        open = stream;
        firstAttempt.tryComplete();
        nextRetry = FIRST_RETRY;
        stream.waiters.forEach(w -> w.tryComplete(honoured));
        if (missed) {
            missed = false;
            LOG.info("listening to tool server {} now; what it lists, and the resources listened for, may have changed while it was not", server);
            everythingChanged(honoured);
        }
        if (!waiting.isEmpty()) {
            open();
        }
    }

    private void everythingChanged(JsonObject honoured) {
        LISTS.stream().filter(list -> honoured.getBoolean(list + "ListChanged", false))
                .forEach(list -> changes.accept(notification("notifications/" + list + "/list_changed", null)));
        honoured.getJsonArray("resourceSubscriptions", new JsonArray()).stream().filter(String.class::isInstance)
                .forEach(uri -> changes.accept(notification("notifications/resources/updated", new JsonObject().put("uri", uri))));
    }

    /** The server ended the stream, or it failed: unless the gateway had ended it, it is lost. */
    private void ended(Stream stream, AsyncResult<JsonObject> result) {
        if (stream.ended || stopped) {
            return;
        }
        lost(stream, result.succeeded() ? "with its result" : result.cause().getMessage(), result.failed() ? result.cause()
                : new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + server + " ended subscriptions/listen at once"));
    }

    /**
     * The server did not acknowledge the stream in time: the gateway ends it (a server may hold it
     * open for ever without a word the gateway reads), and it is lost as if the server had ended it.
     * Who waits for it fails as a request to the server that timed out does.
     */
    private void unacknowledged(Stream stream) {
        if (stream != opening || stopped) {
            return;
        }
        end(stream);
        RpcException silent = new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + server
                + " unavailable: it did not acknowledge subscriptions/listen within " + acknowledgementTimeout.toMillis() + " ms");
        lost(stream, silent.getMessage(), silent);
    }

    /** The stream no longer listens: unless another does, what is asked for meanwhile is sent now, or it is opened again after the backoff. */
    private void lost(Stream stream, String how, Throwable failure) {
        if (stream == opening) {
            opening = null;
            stream.waiters.forEach(w -> w.tryFail(failure));
        } else if (stream == open) {
            open = null;
        } else {
            return;
        }
        firstAttempt.tryComplete();
        if (open == null) {
            // Nothing listens now: a change meanwhile goes unheard.
            missed = true;
        }
        if (opening != null) {
            return;
        }
        if (!waiting.isEmpty()) {
            open();
        } else if (open == null) {
            retryAfterBackoff(how);
        }
    }

    private void retryAfterBackoff(String why) {
        if (retryTimer != -1) {
            return;
        }
        long delay = nextRetry.toMillis();
        nextRetry = nextRetry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : nextRetry.multipliedBy(2);
        LOG.warn("the gateway's subscriptions/listen on tool server {} ended ({}); listening again in {} ms", server, why, delay);
        retryTimer = vertx.setTimer(delay, t -> {
            retryTimer = -1;
            if (open == null && opening == null) {
                open();
            }
        });
    }

    /** The connection is closing: the streams end and are not opened again. */
    void stop() {
        stopped = true;
        vertx.cancelTimer(retryTimer);
        firstAttempt.tryComplete();
        end(open);
        end(opening);
        RpcException closed = new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + server + " unavailable: the connection closed");
        if (opening != null) {
            opening.waiters.forEach(w -> w.tryFail(closed));
        }
        waiting.forEach(w -> w.tryFail(closed));
    }

    private static void end(Stream stream) {
        if (stream != null) {
            stream.ended = true;
            stream.cancellation.cancel("the gateway no longer listens on this stream");
        }
    }

    private static JsonObject notification(String method, JsonObject params) {
        JsonObject notification = new JsonObject().put("jsonrpc", "2.0").put("method", method);
        return params == null ? notification : notification.put("params", params);
    }

    private static JsonObject withoutSubscriptionId(JsonObject notification) {
        if (notification.getValue("params") instanceof JsonObject params && params.getValue("_meta") instanceof JsonObject meta
                && meta.containsKey(MetaKeys.SUBSCRIPTION_ID)) {
            JsonObject untagged = notification.copy();
            JsonObject kept = meta.copy();
            kept.remove(MetaKeys.SUBSCRIPTION_ID);
            if (kept.isEmpty()) {
                untagged.getJsonObject("params").remove("_meta");
            } else {
                untagged.getJsonObject("params").put("_meta", kept);
            }
            return untagged;
        }
        return notification;
    }
}
