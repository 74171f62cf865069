package dev.mcpgw.edge.downstream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * A Vert.x instance and one event-loop context of it, for tests. Downstream clients (and the
 * stand-in servers tests run) must be driven on their event-loop context, as the edge drives them:
 * a test thread calls {@link #await} to run an action there and wait for what it gives.
 */
public final class EventLoop {
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();

    public Vertx vertx() {
        return vertx;
    }

    public Context context() {
        return context;
    }

    /** Runs {@code action} on the context and waits for the result of the future it returns. */
    public <T> T await(Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(promise));
        return promise.future().await();
    }

    /** Closes the Vert.x instance and waits until it is closed. */
    public void close() {
        vertx.close().await();
    }
}
