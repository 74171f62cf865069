package dev.mcpgw.edge.mrtr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.testsupport.SampleIntents;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MultiRoundTripTest {
    private static final ReceiptRef FIRST_ATTEMPT = new ReceiptRef("propose-1", 4L, "cd34");
    /** alice's first attempt: files' ask with {"who":"ada"}; her retry proposes the same. */
    private static final Intent FIRST = SampleIntents.intent().setAgent(SampleIntents.agent("alice")).setServer("files").setTool("ask")
            .setArgumentsJson("{\"who\":\"ada\"}").build();

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final RequestStateSeal seal = new RequestStateSeal(RequestStateKey.random());
    private final MultiRoundTrip rounds = roundsAt(NOW);

    private MultiRoundTrip roundsAt(Instant instant) {
        return new MultiRoundTrip(seal, Clock.fixed(instant, ZoneOffset.UTC));
    }

    /** The intent a retry proposes: the first attempt's, but for what {@code changed} sets. */
    private static Intent retrying(UnaryOperator<Intent.Builder> changed) {
        return changed.apply(Intent.newBuilder(FIRST)).build();
    }

    private JsonObject inputRequired(String serverState) {
        JsonObject result = new JsonObject().put("resultType", "input_required")
                .put("inputRequests", new JsonObject().put("name", new JsonObject().put("method", "elicitation/create")));
        return rounds.relay(serverState == null ? result : result.put("requestState", serverState), FIRST, FIRST_ATTEMPT);
    }

    /** The retry a client makes: the first attempt's call again, with the state and its answers. */
    private static JsonObject retryWith(JsonObject relayed) {
        return new JsonObject().put("name", "ask").put("arguments", new JsonObject().put("who", "ada"))
                .put("requestState", relayed.getString("requestState")).put("inputResponses", new JsonObject());
    }

    private static void assertInvalidParams(ThrowingCallable call, String saying) {
        assertThatThrownBy(call).isInstanceOf(RpcException.class).hasMessageContaining(saying)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCodes.INVALID_PARAMS));
    }

    @Test
    void shouldTreatACallWithoutStateAsAFirstAttempt() {
        JsonObject params = new JsonObject().put("name", "ask");

        MultiRoundTrip.Round round = rounds.roundOf(params, FIRST);

        assertThat(round.previousAttempt()).isNull();
        assertThat(round.forwardedParams()).isEqualTo(params);
    }

    @Test
    void shouldGiveTheServerItsOwnStateBackAndLinkTheRetryToTheFirstAttempt() {
        MultiRoundTrip.Round round = rounds.roundOf(retryWith(inputRequired("opaque-42")), FIRST);

        assertThat(round.forwardedParams().getString("requestState")).isEqualTo("opaque-42");
        assertThat(round.previousAttempt()).isEqualTo(FIRST_ATTEMPT);
    }

    @Test
    void shouldSealAStateEvenWhenTheServerGaveNoneSoThatTheRetryIsLinked() {
        MultiRoundTrip.Round round = rounds.roundOf(retryWith(inputRequired(null)), FIRST);

        assertThat(round.forwardedParams().containsKey("requestState")).isFalse();
        assertThat(round.previousAttempt()).isEqualTo(FIRST_ATTEMPT);
    }

    @Test
    void shouldRefuseARetryAimedAtAnotherServer() {
        JsonObject retry = retryWith(inputRequired("opaque-42"));

        assertInvalidParams(() -> rounds.roundOf(retry, retrying(i -> i.setServer("mail"))), "server files, not mail");
    }

    @Test
    void shouldRefuseARetryByAnotherAgent() {
        JsonObject retry = retryWith(inputRequired("opaque-42"));

        assertInvalidParams(() -> rounds.roundOf(retry, retrying(i -> i.setAgent(SampleIntents.agent("mallory")))), "another agent");
    }

    @Test
    void shouldRefuseARetryOfAnotherToolCarryingTheState() {
        JsonObject retry = retryWith(inputRequired("opaque-42")).put("name", "delete");

        assertInvalidParams(() -> rounds.roundOf(retry, retrying(i -> i.setTool("delete"))), "tool ask, not delete");
    }

    @Test
    void shouldRefuseARetryWithOtherArguments() {
        JsonObject retry = retryWith(inputRequired("opaque-42")).put("arguments", new JsonObject().put("who", "root"));

        assertInvalidParams(() -> rounds.roundOf(retry, retrying(i -> i.setArgumentsJson("{\"who\":\"root\"}"))), "other arguments");
    }

    @Test
    void shouldRefuseARetryThatDropsTheArguments() {
        JsonObject retry = retryWith(inputRequired("opaque-42"));
        retry.remove("arguments");

        assertInvalidParams(() -> rounds.roundOf(retry, retrying(i -> i.setArgumentsJson("{}"))), "other arguments");
    }

    @Test
    void shouldRefuseAStateOnceItsLifetimeHasPassed() {
        JsonObject retry = retryWith(inputRequired("opaque-42"));
        MultiRoundTrip later = roundsAt(NOW.plus(MultiRoundTrip.STATE_LIFETIME).plusMillis(1));

        assertInvalidParams(() -> later.roundOf(retry, FIRST), "expired");
    }

    @Test
    void shouldTakeAStateAtTheEndOfItsLifetime() {
        JsonObject retry = retryWith(inputRequired("opaque-42"));

        assertThat(roundsAt(NOW.plus(MultiRoundTrip.STATE_LIFETIME)).roundOf(retry, FIRST).previousAttempt()).isEqualTo(FIRST_ATTEMPT);
    }

    @Test
    void shouldRefuseARequestStateThatIsNotAString() {
        JsonObject retry = retryWith(inputRequired("opaque-42")).put("requestState", new JsonObject().put("server", "files"));

        assertInvalidParams(() -> rounds.roundOf(retry, FIRST), "requestState must be the string");
    }

    @Test
    void shouldTreatANullRequestStateAsNone() {
        JsonObject params = new JsonObject().put("name", "ask").putNull("requestState");

        assertThat(rounds.roundOf(params, FIRST).previousAttempt()).isNull();
    }

    @Test
    void shouldLeaveACompleteResultAsItIs() {
        JsonObject complete = new JsonObject().put("resultType", "complete").put("requestState", "not-for-mrtr");

        assertThat(rounds.relay(complete.copy(), FIRST, FIRST_ATTEMPT)).isEqualTo(complete);
    }
}
