package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Cancellation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every transport shares: a {@link JsonRpcPeer} over the transport's message channel, the
 * initialize handshake once connected, and a close that runs once. A transport supplies how to
 * connect, how to send one message, and how to disconnect.
 */
abstract class JsonRpcDownstream implements DownstreamClient {
    protected final DownstreamSpec spec;
    protected final Context context;
    protected final JsonRpcPeer peer;
    private JsonObject initializeResult;
    private Future<Void> closing;

    JsonRpcDownstream(DownstreamSpec spec, Context context, Duration requestTimeout) {
        this.spec = spec;
        this.context = context;
        this.peer = new JsonRpcPeer(spec.name(), context.owner(), requestTimeout, this::send);
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
        return connect().compose(v -> Handshake.initialize(this)).onSuccess(result -> initializeResult = result);
    }

    @Override
    public final Future<JsonObject> request(String method, JsonObject params, Consumer<JsonObject> related, Cancellation cancellation) {
        return peer.request(method, params, related, cancellation);
    }

    @Override
    public final void notify(String method, JsonObject params) {
        peer.notify(method, params);
    }

    @Override
    public final void onNotification(Consumer<JsonObject> handler) {
        peer.onNotification(handler);
    }

    @Override
    public final JsonObject initializeResult() {
        return initializeResult;
    }

    /** Idempotent: the first call closes, later calls get the same future. */
    @Override
    public final Future<Void> close() {
        if (closing == null) {
            peer.close("gateway shutting down");
            closing = disconnect();
        }
        return closing;
    }
}
