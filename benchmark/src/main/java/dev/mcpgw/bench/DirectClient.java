package dev.mcpgw.bench;

import dev.mcpgw.edge.downstream.DownstreamClient;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;

/** Calls a tool on a downstream client from any thread, hopping onto the client's event loop. */
final class DirectClient {
    private final DownstreamClient client;
    private final Context context;

    DirectClient(DownstreamClient client, Context context) {
        this.client = client;
        this.context = context;
    }

    CompletableFuture<Boolean> call(JsonObject params) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        context.runOnContext(v -> client.request("tools/call", params).onComplete(r -> {
            if (r.succeeded()) {
                done.complete(!r.result().getBoolean("isError", false));
            } else {
                done.completeExceptionally(r.cause());
            }
        }));
        return done;
    }
}
