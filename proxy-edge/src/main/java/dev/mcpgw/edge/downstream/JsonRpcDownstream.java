package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.policy.scan.Redaction;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every transport shares: a {@link JsonRpcPeer} over the transport's message channel, the
 * handshake once connected (which finds the server's era), the era's envelope on every request,
 * and a close that runs once. A transport supplies how to connect, how to send one message, and
 * how to disconnect.
 */
abstract class JsonRpcDownstream implements DownstreamClient {
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcDownstream.class);
    protected final DownstreamSpec spec;
    protected final Context context;
    protected final JsonRpcPeer peer;
    private final Duration requestTimeout;
    private final Runnable messageTooLarge;
    private JsonObject initializeResult;
    private String protocolVersion;
    /** Decided once, by the handshake. */
    private Era era = Era.SESSION;
    private Future<Void> closing;
    private Consumer<String> disconnected = reason -> { };
    private Consumer<JsonObject> notifications = n -> { };
    private ServerListen listen;
    /** The resources the server reports the updates of, each with the server's answer to the subscription. */
    private final Map<String, Future<Void>> resources = new LinkedHashMap<>();
    /** The log level set on the session, if one was. */
    private String logLevel;

    /** {@code messageTooLarge} is told of each message the server sent over its cap (see {@link DownstreamSpec#maxMessageBytes}). */
    JsonRpcDownstream(DownstreamSpec spec, Context context, Duration requestTimeout, Runnable messageTooLarge) {
        this.spec = spec;
        this.context = context;
        this.requestTimeout = requestTimeout;
        this.messageTooLarge = messageTooLarge;
        this.peer = new JsonRpcPeer(spec.name(), context.owner(), this::send, this::cancel);
    }

    /**
     * Tells the server the answer to a request is no longer wanted: notifications/cancelled, unless
     * the transport has its own way. A client's reason is its free text, so a credential in it stops here.
     */
    protected void cancel(long requestId, String reason) {
        peer.notify(McpMethods.CANCELLED, new JsonObject().put("requestId", requestId).put("reason", reason == null ? null : Redaction.credentialsIn(reason)));
    }

    /** Opens the channel (spawn the process, nothing for HTTP). */
    protected abstract Future<Void> connect();

    /** Sends one message; a failure to deliver must fail its request through the peer. */
    protected abstract void send(JsonObject message);

    /** Closes the channel after the peer has failed every waiting request. */
    protected abstract Future<Void> disconnect();

    @Override
    public final String name() {
        return spec.name();
    }

    @Override
    public final Future<JsonObject> start() {
        return connect().compose(v -> Handshake.open(this, spec.protocol())).compose(opened -> {
            initializeResult = opened.description();
            protocolVersion = opened.protocolVersion();
            era = Era.of(protocolVersion);
            if (!era.isStateless()) {
                sessionOpened();
                return Future.succeededFuture(initializeResult);
            }
            // A 2026-07-28 server announces list changes only to a listener: they then arrive like a session's.
            listen = ServerListen.start(spec.name(), peer, context.owner(), initializeResult.getJsonObject("capabilities", new JsonObject()),
                    Set.of(), requestTimeout, n -> notifications.accept(n));
            return listen.listening(requestTimeout).map(initializeResult);
        });
    }

    @Override
    public final Future<JsonObject> request(String method, JsonObject params, Consumer<JsonObject> related, Cancellation cancellation,
                                            ClientRequests asker) {
        return peer.request(method, envelope(era, params, asker), related, cancellation, asker, requestTimeout);
    }

    /** A request of the handshake, in the revision it is asking in. */
    final Future<JsonObject> requestAs(String version, String method, JsonObject params, Duration timeout) {
        return peer.request(method, envelope(Era.of(version), params, JsonRpcPeer.NO_CLIENT), n -> { }, new Cancellation(),
                JsonRpcPeer.NO_CLIENT, timeout);
    }

    /** A 2026-07-28 request carries the capabilities and log level of the client it is made for; a session's request, none. */
    private static JsonObject envelope(Era era, JsonObject params, ClientRequests client) {
        return era.isStateless() ? RequestEnvelope.forStateless(params, client) : RequestEnvelope.forSession(params);
    }

    final Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * The server sent a message over its cap ({@code what} says how it showed, for the log only):
     * logged and counted; returns the reason its request fails with, which echoes nothing of it.
     */
    protected final String tooLarge(String what) {
        LOG.warn("tool server {} sent a message over its cap of {} bytes (mcpServers.{}.maxMessageBytes): {}; not read on", spec.name(),
                spec.maxMessageBytes(), spec.name(), what);
        messageTooLarge.run();
        return "it sent a message over its cap of " + spec.maxMessageBytes() + " bytes (mcpServers." + spec.name() + ".maxMessageBytes)";
    }

    @Override
    public final Future<Void> setLogLevel(String level) {
        if (era.isStateless()) {
            return Future.succeededFuture();
        }
        return request(McpMethods.LOGGING_SET_LEVEL, new JsonObject().put("level", level)).<Void>mapEmpty().onSuccess(v -> logLevel = level);
    }

    @Override
    public final Future<Void> subscribeResource(String uri) {
        Future<Void> subscribed = resources.get(uri);
        return subscribed != null ? subscribed : subscribing(uri, listen == null ? sessionSubscribe(uri) : listenFor(uri));
    }

    private Future<Void> subscribing(String uri, Future<Void> subscribing) {
        resources.put(uri, subscribing);
        subscribing.onFailure(e -> {
            if (resources.remove(uri, subscribing) && listen != null) {
                listen.listenFor(resources.keySet());
            }
        });
        return subscribing;
    }

    private Future<Void> sessionSubscribe(String uri) {
        return request(McpMethods.RESOURCES_SUBSCRIBE, new JsonObject().put("uri", uri)).mapEmpty();
    }

    /**
     * The gateway may have missed what the server said outside requests (its stream was closed for a
     * while): every list the server says may change, and every resource subscribed to, is reported
     * changed, so that whoever keeps them asks again.
     */
    protected final void mayHaveMissedChanges() {
        JsonObject capabilities = initializeResult == null ? new JsonObject() : initializeResult.getJsonObject("capabilities", new JsonObject());
        for (String list : List.of("tools", "prompts", "resources")) {
            if (capabilities.getValue(list) instanceof JsonObject declared && declared.getBoolean("listChanged", false)) {
                notifications.accept(JsonRpc.notification("notifications/" + list + "/list_changed", null));
            }
        }
        List.copyOf(resources.keySet()).forEach(uri -> notifications.accept(JsonRpc.notification("notifications/resources/updated",
                new JsonObject().put("uri", uri))));
    }

    /** A session-era session is open (first, or in place of one the server forgot): a transport may start what it needs. */
    protected void sessionOpened() {
    }

    /**
     * A new session replaced one the server forgot (HTTP 404): what the gateway had set on the old
     * one, its log level and its resource subscriptions, is set on the new one.
     */
    protected final void sessionRenewed() {
        sessionOpened();
        if (logLevel != null) {
            setLogLevel(logLevel).onFailure(e -> LOG.warn("tool server {} refused the log level {} in its new session: {}", spec.name(),
                    logLevel, e.getMessage()));
        }
        List.copyOf(resources.keySet()).forEach(uri -> subscribing(uri, sessionSubscribe(uri))
                .onFailure(e -> LOG.warn("tool server {} did not subscribe to {} in its new session: {}", spec.name(), uri, e.getMessage())));
    }

    /** A 2026-07-28 server reports a resource's updates to a listener that names it, if it takes subscriptions. */
    private Future<Void> listenFor(String uri) {
        Set<String> wanted = new LinkedHashSet<>(resources.keySet());
        wanted.add(uri);
        return listen.listenFor(wanted).compose(honoured -> honoured.getJsonArray("resourceSubscriptions", new JsonArray()).contains(uri)
                ? Future.succeededFuture()
                : Future.failedFuture(new RpcException(ErrorCodes.METHOD_NOT_FOUND,
                        "Method not found: tool server " + spec.name() + " does not report the updates of " + uri)));
    }

    @Override
    public final void unsubscribeResource(String uri) {
        if (resources.remove(uri) == null) {
            return;
        }
        if (listen != null) {
            listen.listenFor(resources.keySet());
        } else {
            request(McpMethods.RESOURCES_UNSUBSCRIBE, new JsonObject().put("uri", uri))
                    .onFailure(e -> LOG.info("tool server {} did not take back the subscription to {}: {}", spec.name(), uri, e.getMessage()));
        }
    }

    @Override
    public final String protocolVersion() {
        return protocolVersion;
    }

    @Override
    public final Era era() {
        return era;
    }

    @Override
    public final void notify(String method, JsonObject params) {
        peer.notify(method, params);
    }

    @Override
    public final void onNotification(Consumer<JsonObject> handler) {
        this.notifications = handler;
        peer.onNotification(handler);
    }

    @Override
    public final JsonObject initializeResult() {
        return initializeResult;
    }

    @Override
    public final void onDisconnected(Consumer<String> handler) {
        this.disconnected = handler;
    }

    /** The channel is gone by no doing of the gateway's: waiting requests fail now, and whoever watches is told. Event loop only. */
    protected final void lost(String reason) {
        stopListening();
        peer.close(reason);
        if (closing == null) {
            disconnected.accept(reason);
        }
    }

    private void stopListening() {
        if (listen != null) {
            listen.stop();
        }
    }

    /** Idempotent: the first call closes, later calls get the same future. */
    @Override
    public final Future<Void> close() {
        if (closing == null) {
            stopListening();
            peer.close("the gateway closed its connection");
            closing = disconnect();
        }
        return closing;
    }
}
