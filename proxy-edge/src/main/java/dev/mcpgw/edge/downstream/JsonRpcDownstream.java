package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every transport shares: a {@link JsonRpcPeer} over the transport's message channel, the
 * handshake once connected (which finds the server's era), the era's envelope on every request,
 * and a close that runs once. A transport supplies how to connect, how to send one message, and
 * how to disconnect.
 */
abstract class JsonRpcDownstream implements DownstreamClient {
    protected final DownstreamSpec spec;
    protected final Context context;
    protected final JsonRpcPeer peer;
    private final Duration requestTimeout;
    private JsonObject initializeResult;
    private String protocolVersion;
    private Future<Void> closing;
    private Consumer<String> disconnected = reason -> { };
    private Consumer<JsonObject> notifications = n -> { };
    private ServerListen listen;

    JsonRpcDownstream(DownstreamSpec spec, Context context, Duration requestTimeout) {
        this.spec = spec;
        this.context = context;
        this.requestTimeout = requestTimeout;
        this.peer = new JsonRpcPeer(spec.name(), context.owner(), this::send);
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
            if (!ProtocolVersions.isStateless(protocolVersion)) {
                return Future.succeededFuture(initializeResult);
            }
            // A 2026-07-28 server announces list changes only to a listener: they then arrive like a session's.
            listen = ServerListen.start(spec.name(), peer, context.owner(), initializeResult.getJsonObject("capabilities", new JsonObject()),
                    n -> notifications.accept(n));
            return listen.listening(requestTimeout).map(initializeResult);
        });
    }

    @Override
    public final Future<JsonObject> request(String method, JsonObject params, Consumer<JsonObject> related, Cancellation cancellation,
                                            ClientRequests asker) {
        return peer.request(method, envelope(protocolVersion, params), related, cancellation, asker, requestTimeout);
    }

    /** A request of the handshake, in the revision it is asking in. */
    final Future<JsonObject> requestAs(String version, String method, JsonObject params, Duration timeout) {
        return peer.request(method, envelope(version, params), n -> { }, new Cancellation(), JsonRpcPeer.NO_CLIENT, timeout);
    }

    private static JsonObject envelope(String version, JsonObject params) {
        return ProtocolVersions.isStateless(version) ? RequestEnvelope.forStateless(params) : RequestEnvelope.forSession(params);
    }

    final Duration requestTimeout() {
        return requestTimeout;
    }

    @Override
    public final String protocolVersion() {
        return protocolVersion;
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
