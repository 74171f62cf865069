package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.decision.PendingDecisions;
import dev.mcpgw.edge.downstream.ProgressRelay;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a tool call a rule sent to human review waits for. A session-era client's call is held
 * open until the review's final decision (ALLOW, verified like any decision, or DENY, including a
 * review that expired), with a progress notification every few seconds while it waits when the
 * client gave a progressToken; the client's cancellation ends the wait, nothing runs, and the call
 * is recorded as withdrawn against its REVIEW decision (the review itself goes on to its end). Its
 * client's own user may be asked to approve it meanwhile (see ClientUserApproval). A
 * client that takes tasks gets a task instead (see ReviewTasks, never here). A 2026-07-28 client
 * without tasks gets the REVIEW at once, refused with the review and its receipt named: its
 * requests are answered independently of any connection, and a retry would be a new call with a
 * review of its own, so the gateway does not pretend it could resume this one.
 */
final class ReviewHold {
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final PendingDecisions pending;
    private final ClientUserApproval clientUser;

    ReviewHold(Vertx vertx, PendingDecisions pending, ClientUserApproval clientUser) {
        this.vertx = vertx;
        this.pending = pending;
        this.clientUser = clientUser;
    }

    /**
     * {@code decision} itself unless it is a REVIEW the call can wait for; then the review's final
     * decision. A call its client cancels while it waits goes to {@code ifWithdrawn} with the REVIEW.
     * While it waits, the client's own user is asked to approve it where the rule allows that.
     */
    Future<Decision> finalDecision(McpCall call, Intent intent, Decision decision, Consumer<Decision> ifWithdrawn) {
        String intentId = decision.getIntentId();
        if (decision.getEffect() != Effect.REVIEW) {
            return Future.succeededFuture(decision);
        }
        if (call.era().isStateless()) {
            pending.release(intentId);
            return Future.succeededFuture(decision);
        }
        call.cancellation().onCancel(reason -> {
            if (pending.failReview(intentId, call.cancellation().error())) {
                ifWithdrawn.accept(decision);
            }
        });
        Future<Decision> outcome = pending.awaitReview(intentId);
        clientUser.askIfAllowed(call, intent, decision, outcome);
        Object token = call.paramsOrEmpty().getValue("_meta") instanceof JsonObject meta ? meta.getValue("progressToken") : null;
        if (token != null) {
            String waiting = "Waiting for human review " + intentId + " (receipt " + decision.getReceipt().getChain() + "/"
                    + decision.getReceipt().getSequence() + ")";
            int[] beats = {0};
            Runnable progress = () -> call.notifications().accept(JsonRpc.notification(ProgressRelay.PROGRESS,
                    new JsonObject().put("progressToken", token).put("progress", ++beats[0]).put("message", waiting)));
            progress.run();
            long timer = vertx.setPeriodic(PROGRESS_EVERY.toMillis(), t -> progress.run());
            outcome.onComplete(r -> vertx.cancelTimer(timer));
        }
        return outcome;
    }
}
