package dev.mcpgw.edge.decision;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.Decision;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tool calls waiting for their decision, by intent id. Every entry has a timer: when no decision
 * arrives in time the entry is removed and the wait fails, so the call is never forwarded (fail
 * closed). Every path (decision, timeout, publish failure) removes the entry. A call its client
 * withdrew waits no more, but its decision is still wanted, to record that the call was withdrawn:
 * it is handed on when it comes, within the same timeout. Event loop only.
 */
public final class PendingDecisions {
    private final Vertx vertx;
    private final Duration timeout;
    private final Map<String, Promise<Decision>> waiting = new HashMap<>();
    private final Map<String, Consumer<Decision>> withdrawn = new HashMap<>();

    public PendingDecisions(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeout = timeout;
    }

    public Future<Decision> register(String intentId) {
        Promise<Decision> promise = Promise.promise();
        waiting.put(intentId, promise);
        long timer = vertx.setTimer(timeout.toMillis(), t -> fail(intentId, new RpcException(ErrorCodes.AUTHORIZATION_UNAVAILABLE,
                "Call not forwarded: no authorization decision within " + timeout.toMillis() + " ms")));
        promise.future().onComplete(r -> vertx.cancelTimer(timer));
        return promise.future();
    }

    public void complete(Decision decision) {
        Promise<Decision> promise = waiting.remove(decision.getIntentId());
        if (promise != null) {
            promise.complete(decision);
        }
        Consumer<Decision> late = withdrawn.remove(decision.getIntentId());
        if (late != null) {
            late.accept(decision);
        }
    }

    /** True when the call was still waiting: it fails now with {@code cause}, and its decision goes to {@code late} if it comes in time. */
    public boolean withdraw(String intentId, Throwable cause, Consumer<Decision> late) {
        if (!fail(intentId, cause)) {
            return false;
        }
        withdrawn.put(intentId, late);
        vertx.setTimer(timeout.toMillis(), t -> withdrawn.remove(intentId));
        return true;
    }

    /** True when the call was still waiting, and now fails. */
    public boolean fail(String intentId, Throwable cause) {
        Promise<Decision> promise = waiting.remove(intentId);
        if (promise != null) {
            promise.fail(cause);
        }
        return promise != null;
    }

    public int size() {
        return waiting.size();
    }
}
