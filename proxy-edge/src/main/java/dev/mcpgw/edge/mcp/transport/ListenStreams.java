package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.subscription.ChangeFeed;
import dev.mcpgw.edge.subscription.SubscriptionFilter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The streams on which clients hear the servers' changes, with a keep-alive comment on quiet
 * stretches. 2026-07-28 {@code subscriptions/listen}: each resource it names is subscribed to only
 * once the policy allows it, as a session's {@code resources/subscribe} is (at most as many as an
 * agent may have calls in flight, since each is decided like one); then it acknowledges the filter
 * the gateway honours, those resources included, and carries the changes the client opted in to,
 * each tagged with the subscription's id (the request's id); when the gateway stops, it ends with the subscription's result. Session era:
 * the session's standalone stream (GET). Each lasts until the client closes it, or until the
 * client stops reading: a stream whose unsent messages fill its write queue is ended there (the
 * client reconnects and lists again), so a client that never reads cannot make the edge hold every
 * change for it. Event loop only.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#receiving-messages">Receiving Messages</a>
 */
public final class ListenStreams {
    static final long KEEP_ALIVE_MS = 15_000;

    private final Vertx vertx;
    private final ChangeFeed feed;
    private final Supplier<JsonObject> capabilities;
    private final Function<String, Runnable> resourceHolds;
    private final int maxResourceSubscriptions;
    private final Runnable slowReaderCut;
    private final Set<Subscription> open = new HashSet<>();

    /** One open stream: what stops its feed and keep-alive, and how it ends when the gateway stops. */
    private record Subscription(Runnable stop, Runnable end) {
    }

    /**
     * {@code resourceHolds} has the server behind the gateway that owns a resource report its
     * updates until the action it returns runs (when the stream that named it ends); a listen may
     * name at most {@code maxResourceSubscriptions} resources; {@code slowReaderCut} is told of each
     * stream ended because its client stopped reading.
     */
    public ListenStreams(Vertx vertx, ChangeFeed feed, Supplier<JsonObject> capabilities, Function<String, Runnable> resourceHolds,
                         int maxResourceSubscriptions, Runnable slowReaderCut) {
        this.vertx = vertx;
        this.feed = feed;
        this.capabilities = capabilities;
        this.resourceHolds = resourceHolds;
        this.maxResourceSubscriptions = maxResourceSubscriptions;
        this.slowReaderCut = slowReaderCut;
    }

    /**
     * A 2026-07-28 {@code subscriptions/listen} request. A resource it names is subscribed to only
     * when {@code subscribe} (the policy's decision on a {@code resources/subscribe} of it, sent on
     * if allowed) succeeds; {@code ended} runs once the stream has ended, however it ends.
     */
    void open(RoutingContext ctx, JsonObject request, Function<String, Future<?>> subscribe, Runnable ended) {
        JsonObject params = request.getValue("params") instanceof JsonObject p ? p : new JsonObject();
        if (params.getValue("notifications") != null && !(params.getValue("notifications") instanceof JsonObject)) {
            refuse(ctx, request, "notifications must be an object", ended);
            return;
        }
        SubscriptionFilter asked = SubscriptionFilter.honoured(params.getJsonObject("notifications"), capabilities.get());
        List<String> uris = asked.resourceSubscriptions().stream().distinct().toList();
        if (uris.size() > maxResourceSubscriptions) {
            refuse(ctx, request, "a listen may subscribe to at most " + maxResourceSubscriptions
                    + " resources (each is decided as a call is), not " + uris.size(), ended);
            return;
        }
        Future.all(uris.stream().map(uri -> subscribe.apply(uri).map(allowed -> Optional.of(uri)).otherwise(Optional.empty())).toList())
                .onComplete(decided -> {
                    List<String> allowed = decided.result().<Optional<String>>list().stream().flatMap(Optional::stream).toList();
                    listen(ctx, request.getValue("id"), asked.withResourceSubscriptions(allowed), ended);
                });
    }

    private static void refuse(RoutingContext ctx, JsonObject request, String why, Runnable ended) {
        HttpReplies.json(ctx, 200, JsonRpc.error(request.getValue("id"), new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: " + why)));
        ended.run();
    }

    private void listen(RoutingContext ctx, Object subscriptionId, SubscriptionFilter filter, Runnable ended) {
        List<Runnable> releases = filter.resourceSubscriptions().stream().map(resourceHolds).toList();
        if (ctx.response().closed()) {
            // Gone while its subscriptions were decided: what the allowed ones subscribed to is given up at once.
            releases.forEach(Runnable::run);
            ended.run();
            return;
        }
        HttpServerResponse response = eventStream(ctx);
        write(response, tagged(JsonRpc.notification("notifications/subscriptions/acknowledged",
                new JsonObject().put("notifications", filter.toJson())), subscriptionId));
        if (filter.isEmpty()) {
            end(response, subscriptionId);
            ended.run();
            return;
        }
        follow(ctx, filter::accepts, change -> tagged(change.copy(), subscriptionId), () -> end(response, subscriptionId), () -> {
            releases.forEach(Runnable::run);
            ended.run();
        });
    }

    /**
     * A session-era client's standalone stream (its GET): every list change, and the updates of the
     * resources its session subscribed to. It ends when the session does; {@code ended} runs once it has ended, however it ends.
     */
    void openForSession(RoutingContext ctx, McpSession session, Runnable ended) {
        HttpServerResponse response = eventStream(ctx);
        // Nothing may come for a long while: the client learns at once that the stream is open.
        response.writeHead();
        Runnable stop = follow(ctx, session::wants, change -> change, () -> endQuietly(response), ended);
        session.onClose(() -> {
            stop.run();
            endQuietly(response);
        });
    }

    /** Ends every open stream (a listen with its result), as a server that stops gracefully does. */
    public void closeAll() {
        for (Subscription subscription : List.copyOf(open)) {
            open.remove(subscription);
            subscription.stop().run();
            subscription.end().run();
        }
    }

    /**
     * Writes the changes {@code wanted} accepts, as {@code shown}, with keep-alives, until closed,
     * then runs {@code ended}; returns what stops it.
     */
    private Runnable follow(RoutingContext ctx, Predicate<JsonObject> wanted, UnaryOperator<JsonObject> shown, Runnable end,
                            Runnable ended) {
        HttpServerResponse response = ctx.response();
        AtomicReference<Subscription> self = new AtomicReference<>();
        Runnable unsubscribe = feed.subscribe(ctx.get(AuthenticationHandler.AGENT), change -> {
            if (wanted.test(change) && keepsUp(response, self.get())) {
                write(response, shown.apply(change));
            }
        });
        long timer = vertx.setPeriodic(KEEP_ALIVE_MS, t -> {
            if (keepsUp(response, self.get()) && !response.ended() && !response.closed()) {
                response.write(": keepalive\n\n");
            }
        });
        Subscription subscription = new Subscription(() -> {
            unsubscribe.run();
            vertx.cancelTimer(timer);
            ended.run();
        }, end);
        self.set(subscription);
        open.add(subscription);
        response.closeHandler(v -> stop(subscription));
        return () -> stop(subscription);
    }

    /**
     * False, once the stream is stopped and ended, when the client has left so much unread that its
     * write queue is full: nothing more is queued for it (the end is one empty chunk), so what the
     * edge holds for a client that never reads stays bounded.
     */
    private boolean keepsUp(HttpServerResponse response, Subscription subscription) {
        if (!response.writeQueueFull()) {
            return true;
        }
        if (open.contains(subscription)) {
            slowReaderCut.run();
            stop(subscription);
            endQuietly(response);
        }
        return false;
    }

    private void stop(Subscription subscription) {
        if (open.remove(subscription)) {
            subscription.stop().run();
        }
    }

    private static HttpServerResponse eventStream(RoutingContext ctx) {
        return ctx.response().setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
    }

    private static JsonObject tagged(JsonObject notification, Object subscriptionId) {
        JsonObject params = notification.getValue("params") instanceof JsonObject p ? p : new JsonObject();
        JsonObject meta = params.getValue("_meta") instanceof JsonObject m ? m : new JsonObject();
        return notification.put("params", params.put("_meta", meta.put(MetaKeys.SUBSCRIPTION_ID, subscriptionId)));
    }

    private static void write(HttpServerResponse response, JsonObject message) {
        if (!response.ended() && !response.closed()) {
            response.write("event: message\ndata: " + message.encode() + "\n\n");
        }
    }

    private static void end(HttpServerResponse response, Object subscriptionId) {
        write(response, JsonRpc.result(subscriptionId, StatelessResults.DEFAULTS.complete("subscriptions/listen",
                new JsonObject().put("_meta", new JsonObject().put(MetaKeys.SUBSCRIPTION_ID, subscriptionId)))));
        endQuietly(response);
    }

    private static void endQuietly(HttpServerResponse response) {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }
}
