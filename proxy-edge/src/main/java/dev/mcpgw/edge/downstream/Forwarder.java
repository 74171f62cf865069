package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Cancellation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * Sends a client's request on to a tool server, with its progress (if asked for) and its log
 * messages routed back to the client's stream, and the client's cancellation passed on.
 */
public final class Forwarder {
    private final ProgressRelay progress;

    public Forwarder(ProgressRelay progress) {
        this.progress = progress;
    }

    public Future<JsonObject> forward(DownstreamClient client, String method, JsonObject params,
                                      Consumer<JsonObject> stream, Cancellation cancellation) {
        JsonObject forwarded = params == null ? null : params.copy();
        String token = forwarded == null ? null : progress.register(forwarded, stream);
        return client.request(method, forwarded, stream, cancellation).onComplete(r -> progress.release(token));
    }
}
