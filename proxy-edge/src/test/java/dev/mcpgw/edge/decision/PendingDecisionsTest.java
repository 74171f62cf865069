package dev.mcpgw.edge.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReplyAddress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingDecisionsTest {
    private static final RpcException WITHDRAWN = new RpcException(ErrorCodes.REQUEST_CANCELLED, "Request cancelled: test");
    private final Vertx vertx = Vertx.vertx();
    private final List<Decision> late = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private static Decision decisionOf(String intentId) {
        return decisionOf(intentId, Effect.ALLOW);
    }

    private static Decision decisionOf(String intentId, Effect effect) {
        return new Decision(intentId, effect, List.of("r"), List.of("because"), "v1",
                new ReceiptRef("propose-0", 7L, "ab"), new ReplyAddress("edge", 0), "", null, null);
    }

    @Test
    void shouldHoldACallSentToReviewUntilItsFinalDecision() {
        PendingDecisions pending = new PendingDecisions(vertx, Duration.ofSeconds(10));
        Future<Decision> first = pending.register("i-r");

        pending.complete(decisionOf("i-r", Effect.REVIEW));
        Future<Decision> held = pending.awaitReview("i-r");
        pending.complete(decisionOf("i-r", Effect.REVIEW));
        boolean heldAfterARepeatedReview = !held.isComplete();
        pending.complete(decisionOf("i-r", Effect.ALLOW));

        assertThat(first.result().getEffect()).isEqualTo(Effect.REVIEW);
        assertThat(heldAfterARepeatedReview).isTrue();
        assertThat(held.result().getEffect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void shouldKeepNoWaitForACallNotHeldForItsReview() {
        PendingDecisions pending = new PendingDecisions(vertx, Duration.ofSeconds(10));
        pending.register("i-n");
        pending.complete(decisionOf("i-n", Effect.REVIEW));

        pending.release("i-n");
        pending.complete(decisionOf("i-n", Effect.ALLOW));

        assertThat(pending.awaitReview("i-n").failed()).isTrue();
    }

    @Test
    void shouldHoldNothingForAFinalDecisionNoCallWaitsFor() {
        PendingDecisions pending = new PendingDecisions(vertx, Duration.ofSeconds(10));

        pending.complete(decisionOf("i-x", Effect.ALLOW));

        assertThat(pending.awaitReview("i-x").failed()).isTrue();
        assertThat(pending.size()).isZero();
    }

    @Test
    void shouldFailAWithdrawnCallsWaitAtOnce() {
        PendingDecisions pending = new PendingDecisions(vertx, Duration.ofSeconds(10));
        Future<Decision> waiting = pending.register("i-1");

        boolean withdrawn = pending.withdraw("i-1", WITHDRAWN, late::add);

        assertThat(withdrawn).isTrue();
        assertThat(waiting.failed()).isTrue();
        assertThat(waiting.cause()).isSameAs(WITHDRAWN);
    }

    @Test
    void shouldHandTheDecisionOfAWithdrawnCallOnWhenItComes() {
        PendingDecisions pending = new PendingDecisions(vertx, Duration.ofSeconds(10));
        pending.register("i-2");
        pending.withdraw("i-2", WITHDRAWN, late::add);

        pending.complete(decisionOf("i-2"));

        assertThat(late).extracting(Decision::getIntentId).containsExactly("i-2");
    }

    @Test
    void shouldNotWithdrawACallThatIsNoLongerWaiting() {
        PendingDecisions pending = new PendingDecisions(vertx, Duration.ofSeconds(10));
        pending.register("i-3");
        pending.complete(decisionOf("i-3"));

        boolean withdrawn = pending.withdraw("i-3", WITHDRAWN, late::add);
        pending.complete(decisionOf("i-3"));

        assertThat(withdrawn).isFalse();
        assertThat(late).isEmpty();
    }

    @Test
    void shouldForgetAWithdrawnCallWhoseDecisionIsLaterThanTheTimeout() {
        PendingDecisions pending = new PendingDecisions(vertx, Duration.ofMillis(100));
        pending.register("i-4");
        pending.withdraw("i-4", WITHDRAWN, late::add);

        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
        pending.complete(decisionOf("i-4"));

        assertThat(late).isEmpty();
    }
}
