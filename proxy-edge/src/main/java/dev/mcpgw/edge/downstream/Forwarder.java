package dev.mcpgw.edge.downstream;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** Sends a client's request on to a tool server, with its progress (if asked for) routed back to the client's stream. */
public final class Forwarder {
    private final ProgressRelay progress;

    public Forwarder(ProgressRelay progress) {
        this.progress = progress;
    }

    public Future<JsonObject> forward(DownstreamClient client, String method, JsonObject params, Consumer<JsonObject> stream) {
        JsonObject forwarded = params == null ? null : params.copy();
        String token = forwarded == null ? null : progress.register(forwarded, stream);
        return client.request(method, forwarded).onComplete(r -> progress.release(token));
    }
}
