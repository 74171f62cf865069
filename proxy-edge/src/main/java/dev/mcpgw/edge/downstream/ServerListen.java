package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's {@code subscriptions/listen} on one 2026-07-28 server, for every list the server
 * says may change, kept open for as long as the connection is. A stream the server ends (with its
 * result, or by closing it) or that fails is opened again, after a backoff from
 * {@link #FIRST_RETRY} doubling to {@link #MAX_RETRY} that resets once a stream is acknowledged;
 * once it is, everything it listens for is reported changed, since a change in the gap went
 * unheard. Its notifications go on as the server's, without the gateway's subscription id. Event
 * loop only.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#receiving-messages">Receiving Messages</a>
 */
final class ServerListen {
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ServerListen.class);
    private static final String ACKNOWLEDGED = "notifications/subscriptions/acknowledged";
    private static final List<String> LISTS = List.of("tools", "prompts", "resources");

    private final String server;
    private final JsonRpcPeer peer;
    private final Vertx vertx;
    private final JsonObject lists;
    private final Consumer<JsonObject> changes;
    private final Promise<Void> firstAttempt = Promise.promise();
    private Stream open;
    private boolean missed;
    private Duration nextRetry = FIRST_RETRY;
    private boolean stopped;

    /** One listen request; {@code ended} once the gateway ended it itself. */
    private static final class Stream {
        final Cancellation cancellation = new Cancellation();
        boolean ended;
    }

    private ServerListen(String server, JsonRpcPeer peer, Vertx vertx, JsonObject lists, Consumer<JsonObject> changes) {
        this.server = server;
        this.peer = peer;
        this.vertx = vertx;
        this.lists = lists;
        this.changes = changes;
    }

    /** Listens for the lists the server's {@code capabilities} say may change, handing their changes to {@code changes}. */
    static ServerListen start(String server, JsonRpcPeer peer, Vertx vertx, JsonObject capabilities, Consumer<JsonObject> changes) {
        JsonObject lists = new JsonObject();
        for (String list : LISTS) {
            if (capabilities.getValue(list) instanceof JsonObject offered && offered.getBoolean("listChanged", false)) {
                lists.put(list + "ListChanged", true);
            }
        }
        ServerListen listen = new ServerListen(server, peer, vertx, lists, changes);
        if (lists.isEmpty()) {
            listen.firstAttempt.complete();
        } else {
            listen.open();
        }
        return listen;
    }

    /**
     * Completes once the first stream is acknowledged, so that no change made after the server
     * started goes unheard; or once it failed (it is then tried again), or after {@code atMost}.
     */
    Future<Void> listening(Duration atMost) {
        long timer = vertx.setTimer(atMost.toMillis(), t -> firstAttempt.tryComplete());
        return firstAttempt.future().onComplete(r -> vertx.cancelTimer(timer));
    }

    private void open() {
        if (stopped) {
            return;
        }
        Stream stream = new Stream();
        open = stream;
        peer.request(McpMethods.SUBSCRIPTIONS_LISTEN, RequestEnvelope.forStateless(new JsonObject().put("notifications", lists.copy())),
                        notification -> received(stream, notification), stream.cancellation, JsonRpcPeer.NO_CLIENT, null)
                .onComplete(result -> ended(stream, result));
    }

    private void received(Stream stream, JsonObject notification) {
        if (ACKNOWLEDGED.equals(notification.getString("method"))) {
            acknowledged(stream);
        } else {
            changes.accept(withoutSubscriptionId(notification));
        }
    }

    private void acknowledged(Stream stream) {
        if (stream != open) {
            return;
        }
        firstAttempt.tryComplete();
        nextRetry = FIRST_RETRY;
        if (missed) {
            missed = false;
            LOG.info("listening to tool server {} again; its lists may have changed meanwhile", server);
            LISTS.stream().filter(list -> lists.getBoolean(list + "ListChanged", false))
                    .forEach(list -> changes.accept(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/" + list + "/list_changed")));
        }
    }

    /** The stream ended: unless the gateway ended it, it is opened again after the backoff. */
    private void ended(Stream stream, AsyncResult<JsonObject> result) {
        if (stream.ended || stopped || stream != open) {
            return;
        }
        open = null;
        missed = true;
        firstAttempt.tryComplete();
        long delay = nextRetry.toMillis();
        nextRetry = nextRetry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : nextRetry.multipliedBy(2);
        LOG.warn("tool server {} ended the gateway's subscriptions/listen ({}); listening again in {} ms", server,
                result.succeeded() ? "with its result" : result.cause().getMessage(), delay);
        vertx.setTimer(delay, t -> {
            if (open == null) {
                open();
            }
        });
    }

    /** The connection is closing: the stream ends and is not opened again. */
    void stop() {
        stopped = true;
        firstAttempt.tryComplete();
        if (open != null) {
            open.ended = true;
            open.cancellation.cancel("the gateway closed its connection");
        }
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
