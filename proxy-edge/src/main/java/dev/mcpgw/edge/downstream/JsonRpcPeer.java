package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Request/response correlation over a message channel, for one downstream session: numbers
 * outgoing requests, matches responses, bounds every wait, and answers the server's own requests.
 * Used on the event loop only.
 */
final class JsonRpcPeer {
    /** A request of the gateway's own: no client behind it to ask. */
    static final ClientRequests NO_CLIENT = ClientRequests.declaredOnly(new JsonObject());
    private final String server;
    private final Vertx vertx;
    private final Consumer<JsonObject> sender;
    private final BiConsumer<Long, String> canceller;
    private final Map<Long, Promise<JsonObject>> pending = new HashMap<>();
    private final Map<Long, Consumer<JsonObject>> relatedStreams = new HashMap<>();
    private final Map<Long, ClientRequests> askers = new HashMap<>();
    /** The subscriptions/listen requests waiting: the only ones a server's notification may name as its subscription. */
    private final Set<Long> listens = new HashSet<>();
    private Consumer<JsonObject> notificationHandler = n -> { };
    private long nextId = 1;
    private String closedReason;

    /** {@code sender} sends one message; {@code canceller} tells the server a request's answer is no longer wanted, by its id. */
    JsonRpcPeer(String server, Vertx vertx, Consumer<JsonObject> sender, BiConsumer<Long, String> canceller) {
        this.server = server;
        this.vertx = vertx;
        this.sender = sender;
        this.canceller = canceller;
    }

    /**
     * Sends a request. Log messages the transport can tie to it go to {@code related}, requests the
     * server sends about it to {@code asker}; when the client cancels it, the server is told and the
     * request fails with the cancellation. The answer is awaited at most {@code timeout}; null waits
     * as long as the channel lasts (a subscription).
     */
    Future<JsonObject> request(String method, JsonObject params, Consumer<JsonObject> related, Cancellation cancellation,
                               ClientRequests asker, Duration timeout) {
        if (closedReason != null) {
            return Future.failedFuture(unavailable(closedReason));
        }
        long id = nextId++;
        Promise<JsonObject> promise = Promise.promise();
        pending.put(id, promise);
        relatedStreams.put(id, related);
        askers.put(id, asker);
        if (McpMethods.SUBSCRIPTIONS_LISTEN.equals(method)) {
            listens.add(id);
        }
        long timer = timeout == null ? -1
                : vertx.setTimer(timeout.toMillis(), t -> fail(id, unavailable("no answer to " + method + " within " + timeout.toMillis() + " ms")));
        promise.future().onComplete(r -> {
            vertx.cancelTimer(timer);
            relatedStreams.remove(id);
            askers.remove(id);
            listens.remove(id);
        });
        sender.accept(JsonRpc.request(id, method, params));
        cancellation.onCancel(reason -> {
            if (pending.containsKey(id)) {
                canceller.accept(id, reason);
                fail(id, cancellation.error());
            }
        });
        return promise.future();
    }

    void notify(String method, JsonObject params) {
        if (closedReason == null) {
            sender.accept(JsonRpc.notification(method, params));
        }
    }

    void onNotification(Consumer<JsonObject> handler) {
        this.notificationHandler = handler;
    }

    /** A message from the server; {@code relatedRequestId} is the request whose response stream carried it, if the transport knows. */
    void receive(JsonObject message, Object relatedRequestId) {
        if (message.containsKey("method") && message.getValue("method") == null) {
            // A serializer that writes nulls: a response with "method": null is still a response.
            message.remove("method");
        }
        if (message.containsKey("method") && !(message.getValue("method") instanceof String)) {
            if (message.getValue("id") != null) {
                sender.accept(JsonRpc.error(message.getValue("id"), new RpcException(ErrorCodes.INVALID_REQUEST,
                        "Invalid request: its method is not a string")));
            }
            return;
        }
        if (JsonRpc.isResponse(message)) {
            complete(message);
        } else if (JsonRpc.isRequest(message)) {
            answer(message, relatedRequestId);
        } else {
            Consumer<JsonObject> stream = relatedStream(message, relatedRequestId);
            (stream != null ? stream : notificationHandler).accept(message);
        }
    }

    /**
     * A message the transport knows belongs to no request (it came on a session's standalone
     * stream): a request in it can be put to no client, so the server gets an error at once.
     */
    void receiveUnrelated(JsonObject message) {
        if (JsonRpc.isRequest(message) && !McpMethods.PING.equals(message.getString("method"))) {
            sender.accept(JsonRpc.error(message.getValue("id"), new RpcException(ErrorCodes.METHOD_NOT_FOUND,
                    "the gateway puts a request that belongs to no client call to no client")));
        } else {
            receive(message, null);
        }
    }

    /**
     * The request a notification belongs to, if it is still waiting: a log message to the request
     * whose response stream carried it, a notification tagged with a subscription to the
     * {@code subscriptions/listen} request of that id (a subscription's id is its request's). A tag
     * naming any other request is the server's word alone, and would put the notification on that
     * request's client stream: such a notification goes where untagged ones go.
     */
    private Consumer<JsonObject> relatedStream(JsonObject notification, Object relatedRequestId) {
        if (McpMethods.LOG_MESSAGE.equals(notification.getString("method"))) {
            return relatedRequestId instanceof Number id ? relatedStreams.get(id.longValue()) : null;
        }
        Object subscription = notification.getValue("params") instanceof JsonObject params
                && params.getValue("_meta") instanceof JsonObject meta ? meta.getValue(MetaKeys.SUBSCRIPTION_ID) : null;
        return subscription instanceof Number id && listens.contains(id.longValue()) ? relatedStreams.get(id.longValue()) : null;
    }

    /** The message with this id never reached the server (a transport failure): its request fails now. */
    void failRequest(Object id, RpcException error) {
        if (id instanceof Number number) {
            fail(number.longValue(), error);
        }
    }

    /** Whether the request with this id still waits for its answer (not answered, timed out, or cancelled). */
    boolean awaits(Object id) {
        return id instanceof Number number && pending.containsKey(number.longValue());
    }

    /** The channel is gone: every waiting request fails now rather than at its timeout. */
    void close(String reason) {
        closedReason = reason;
        Map.copyOf(pending).keySet().forEach(id -> fail(id, unavailable(reason)));
    }

    private void complete(JsonObject response) {
        // The gateway's ids are whole numbers: 1.5 or a number past a long answers none of them.
        if (!(response.getValue("id") instanceof Integer || response.getValue("id") instanceof Long)) {
            return;
        }
        Promise<JsonObject> promise = pending.remove(((Number) response.getValue("id")).longValue());
        if (promise == null) {
            return;
        }
        if (response.getValue("error") instanceof JsonObject error) {
            promise.fail(ServerAnswers.error(server, error));
        } else if (response.getValue("error") == null && response.getValue("result") instanceof JsonObject answer) {
            promise.complete(answer);
        } else {
            promise.fail(new RpcException(ErrorCodes.INTERNAL_ERROR, "Tool server " + server + " answered with neither a result object nor an error object"));
        }
    }

    /**
     * Requests from the server: ping is the gateway's to answer; the others (elicitation,
     * sampling, roots) go to the client whose call they belong to, found by the response stream
     * that carried them, or, where the transport cannot tell (stdio), the one call in flight that
     * has a client to ask. When no single call can be told, the server gets an error, not silence.
     */
    private void answer(JsonObject request, Object relatedRequestId) {
        Object id = request.getValue("id");
        String method = request.getString("method");
        if (McpMethods.PING.equals(method)) {
            sender.accept(JsonRpc.result(id, new JsonObject()));
            return;
        }
        if (request.getValue("params") != null && !(request.getValue("params") instanceof JsonObject)) {
            sender.accept(JsonRpc.error(id, new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: " + method + "'s params must be an object")));
            return;
        }
        ClientRequests asker = relatedRequestId instanceof Number related ? askers.get(related.longValue()) : soleAsker();
        if (asker == null) {
            sender.accept(JsonRpc.error(id, new RpcException(ErrorCodes.METHOD_NOT_FOUND,
                    "the gateway cannot tell which client call " + method + " belongs to")));
            return;
        }
        asker.send(method, request.getJsonObject("params")).onComplete(answer -> {
            if (closedReason != null) {
                return;
            }
            sender.accept(answer.succeeded() ? JsonRpc.result(id, answer.result())
                    : JsonRpc.error(id, answer.cause() instanceof RpcException rpc ? rpc : new RpcException(ErrorCodes.INTERNAL_ERROR, "Internal error")));
        });
    }

    /** The only call in flight whose client can be asked, if there is exactly one. */
    private ClientRequests soleAsker() {
        List<ClientRequests> withClient = askers.values().stream().filter(a -> a != NO_CLIENT).toList();
        return withClient.size() == 1 ? withClient.get(0) : null;
    }

    private void fail(long id, RpcException error) {
        Promise<JsonObject> promise = pending.remove(id);
        if (promise != null) {
            promise.fail(error);
        }
    }

    private RpcException unavailable(String reason) {
        return new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + server + " unavailable: " + reason);
    }
}
