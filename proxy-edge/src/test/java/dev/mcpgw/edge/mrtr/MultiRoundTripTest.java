package dev.mcpgw.edge.mrtr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.limits.CanonicalArguments;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.testsupport.SampleIntents;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MultiRoundTripTest {
    private static final ReceiptRef FIRST_ATTEMPT = new ReceiptRef("propose-1", 4L, "cd34");
    private static final Duration LIFETIME = Duration.ofMinutes(2);
    /** alice's first attempt: files' ask with {"who":"ada"}. */
    private static final Intent FIRST = SampleIntents.intent().setAgent(SampleIntents.agent("alice")).setServer("files").setTool("ask")
            .setArgumentsJson("{\"who\":\"ada\"}").build();

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final RequestStateSeal seal = new RequestStateSeal(RequestStateKey.random());
    private final MultiRoundTrip rounds = roundsAt(NOW);

    private MultiRoundTrip roundsAt(Instant instant) {
        return new MultiRoundTrip(seal, new CanonicalArguments(1 << 20), Clock.fixed(instant, ZoneOffset.UTC), LIFETIME);
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

        MultiRoundTrip.Round round = rounds.roundOf(params, "files", "ask", "alice");

        assertThat(round.previousAttempt()).isNull();
        assertThat(round.forwardedParams()).isEqualTo(params);
    }

    @Test
    void shouldGiveTheServerItsOwnStateBackAndLinkTheRetryToTheFirstAttempt() {
        MultiRoundTrip.Round round = rounds.roundOf(retryWith(inputRequired("opaque-42")), "files", "ask", "alice");

        assertThat(round.forwardedParams().getString("requestState")).isEqualTo("opaque-42");
        assertThat(round.previousAttempt()).isEqualTo(FIRST_ATTEMPT);
    }

    @Test
    void shouldSealAStateEvenWhenTheServerGaveNoneSoThatTheRetryIsLinked() {
        MultiRoundTrip.Round round = rounds.roundOf(retryWith(inputRequired(null)), "files", "ask", "alice");

        assertThat(round.forwardedParams().containsKey("requestState")).isFalse();
        assertThat(round.previousAttempt()).isEqualTo(FIRST_ATTEMPT);
    }

    @Test
    void shouldTakeTheSameArgumentsInAnotherKeyOrder() {
        JsonObject retry = retryWith(inputRequired("opaque-42")).put("arguments", new JsonObject("{ \"who\" : \"ada\" }"));

        assertThat(rounds.roundOf(retry, "files", "ask", "alice").previousAttempt()).isEqualTo(FIRST_ATTEMPT);
    }

    @Test
    void shouldRefuseARetryAimedAtAnotherServer() {
        JsonObject retry = retryWith(inputRequired("opaque-42"));

        assertInvalidParams(() -> rounds.roundOf(retry, "mail", "ask", "alice"), "server files, not mail");
    }

    @Test
    void shouldRefuseARetryByAnotherAgent() {
        JsonObject retry = retryWith(inputRequired("opaque-42"));

        assertInvalidParams(() -> rounds.roundOf(retry, "files", "ask", "mallory"), "another agent");
    }

    @Test
    void shouldRefuseARetryOfAnotherToolCarryingTheState() {
        JsonObject retry = retryWith(inputRequired("opaque-42")).put("name", "delete");

        assertInvalidParams(() -> rounds.roundOf(retry, "files", "delete", "alice"), "tool ask, not delete");
    }

    @Test
    void shouldRefuseARetryWithOtherArguments() {
        JsonObject retry = retryWith(inputRequired("opaque-42")).put("arguments", new JsonObject().put("who", "root"));

        assertInvalidParams(() -> rounds.roundOf(retry, "files", "ask", "alice"), "other arguments");
    }

    @Test
    void shouldRefuseARetryThatDropsTheArguments() {
        JsonObject retry = retryWith(inputRequired("opaque-42"));
        retry.remove("arguments");

        assertInvalidParams(() -> rounds.roundOf(retry, "files", "ask", "alice"), "other arguments");
    }

    @Test
    void shouldRefuseAStateOnceItsLifetimeHasPassed() {
        JsonObject retry = retryWith(inputRequired("opaque-42"));
        MultiRoundTrip later = roundsAt(NOW.plus(LIFETIME).plusMillis(1));

        assertInvalidParams(() -> later.roundOf(retry, "files", "ask", "alice"), "expired");
    }

    @Test
    void shouldRefuseARequestStateThatIsNotAString() {
        JsonObject retry = retryWith(inputRequired("opaque-42")).put("requestState", new JsonObject().put("server", "files"));

        assertInvalidParams(() -> rounds.roundOf(retry, "files", "ask", "alice"), "requestState must be the string");
    }

    @Test
    void shouldRefuseANullRequestState() {
        JsonObject retry = retryWith(inputRequired("opaque-42")).putNull("requestState");

        assertInvalidParams(() -> rounds.roundOf(retry, "files", "ask", "alice"), "requestState must be the string");
    }

    @Test
    void shouldLeaveACompleteResultAsItIs() {
        JsonObject complete = new JsonObject().put("resultType", "complete").put("requestState", "not-for-mrtr");

        assertThat(rounds.relay(complete.copy(), FIRST, FIRST_ATTEMPT)).isEqualTo(complete);
    }
}
