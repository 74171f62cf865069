package dev.mcpgw.edge.decision;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
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
 * it is handed on when it comes, within the same timeout.
 * <p>
 * A REVIEW decision is not the end: the moment it arrives, its call is parked to wait for the
 * review's final decision (ALLOW or DENY, sent by the stream to the same partition), before anyone
 * hears of the REVIEW, so the final decision cannot slip past. Whoever holds the call then takes
 * the wait ({@link #awaitReview}); a call that is not held lets it go ({@link #release}). A parked
 * wait ends at the latest after {@link #REVIEW_HOLD}, failing closed. Event loop only.
 */
public final class PendingDecisions {
    private final Vertx vertx;
    private final Duration timeout;
    private final Map<String, Promise<Decision>> waiting = new HashMap<>();
    private final Map<String, Consumer<Decision>> withdrawn = new HashMap<>();
    private final Map<String, Promise<Decision>> reviewing = new HashMap<>();

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
        String intentId = decision.getIntentId();
        Promise<Decision> promise = waiting.remove(intentId);
        if (promise != null) {
            if (decision.getEffect() == Effect.REVIEW) {
                park(intentId);
            }
            promise.complete(decision);
        } else if (decision.getEffect() != Effect.REVIEW && reviewing.containsKey(intentId)) {
            reviewing.remove(intentId).complete(decision);
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

    /**
     * The longest a call is held for its human review: a review's deadline is 15 minutes unless its
     * rule says otherwise, and the stream decides within moments of it; a rule allowing longer
     * reviews than this gets its call refused here, and an approval after that runs nothing.
     */
    public static final Duration REVIEW_HOLD = Duration.ofMinutes(16);

    private void park(String intentId) {
        Promise<Decision> promise = Promise.promise();
        reviewing.put(intentId, promise);
        long timer = vertx.setTimer(REVIEW_HOLD.toMillis(), t -> failReview(intentId, new RpcException(ErrorCodes.AUTHORIZATION_UNAVAILABLE,
                "Call not forwarded: human review " + intentId + " had no final decision within " + REVIEW_HOLD.toMinutes() + " minutes")));
        promise.future().onComplete(r -> vertx.cancelTimer(timer));
    }

    /** The final decision of the review the call {@code intentId} was sent to; failed when none is awaited. */
    public Future<Decision> awaitReview(String intentId) {
        Promise<Decision> promise = reviewing.get(intentId);
        return promise == null
                ? Future.failedFuture(new RpcException(ErrorCodes.AUTHORIZATION_UNAVAILABLE, "Call not forwarded: no review of it is awaited"))
                : promise.future();
    }

    /**
     * Parks the call {@code intentId} for its review's final decision as if its REVIEW had just
     * come: a task this instance owes, taken up again after a restart.
     */
    public Future<Decision> awaitReviewAgain(String intentId) {
        if (!reviewing.containsKey(intentId)) {
            park(intentId);
        }
        return awaitReview(intentId);
    }

    /** The call {@code intentId} is not held for its review: its final decision is not awaited here. */
    public void release(String intentId) {
        failReview(intentId, new RpcException(ErrorCodes.AUTHORIZATION_UNAVAILABLE, "Call not held for its review"));
    }

    /** True when the call was still held for its review, and now fails. */
    public boolean failReview(String intentId, Throwable cause) {
        Promise<Decision> promise = reviewing.remove(intentId);
        if (promise != null) {
            promise.tryFail(cause);
        }
        return promise != null;
    }

    public int size() {
        return waiting.size();
    }
}
