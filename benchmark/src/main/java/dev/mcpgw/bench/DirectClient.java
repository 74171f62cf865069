package dev.mcpgw.bench;

import dev.mcpgw.edge.downstream.DownstreamClient;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Calls a tool on a downstream client from any thread, hopping onto the client's event loop. */
final class DirectClient implements AutoCloseable {
    /** Longer than the client's own wait for the process to exit before it destroys it. */
    private static final long CLOSE_TIMEOUT_SECONDS = 10;
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

    /**
     * Stops the tool server: closes its stdin and, when it does not exit (a server that stalled
     * under load stops reading it), destroys its process, which would otherwise outlive the benchmark.
     */
    @Override
    public void close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        context.runOnContext(v -> client.close().onComplete(r -> closed.complete(null)));
        closed.orTimeout(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }
}
