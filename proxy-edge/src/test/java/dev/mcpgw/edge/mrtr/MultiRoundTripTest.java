package dev.mcpgw.edge.mrtr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.ReceiptRef;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MultiRoundTripTest {
    private static final ReceiptRef FIRST_ATTEMPT = new ReceiptRef("propose-1", 4L, "cd34");
    private final MultiRoundTrip rounds = new MultiRoundTrip(new RequestStateSeal(RequestStateKey.random()));

    private JsonObject inputRequired(String serverState) {
        JsonObject result = new JsonObject().put("resultType", "input_required")
                .put("inputRequests", new JsonObject().put("name", new JsonObject().put("method", "elicitation/create")));
        return rounds.relay(serverState == null ? result : result.put("requestState", serverState), "files", "alice", FIRST_ATTEMPT);
    }

    private static JsonObject retryWith(JsonObject relayed) {
        return new JsonObject().put("name", "ask").put("requestState", relayed.getString("requestState"))
                .put("inputResponses", new JsonObject());
    }

    @Test
    void shouldTreatACallWithoutStateAsAFirstAttempt() {
        JsonObject params = new JsonObject().put("name", "ask");

        MultiRoundTrip.Round round = rounds.roundOf(params, "files", "alice");

        assertThat(round.previousAttempt()).isNull();
        assertThat(round.forwardedParams()).isEqualTo(params);
    }

    @Test
    void shouldGiveTheServerItsOwnStateBackAndLinkTheRetryToTheFirstAttempt() {
        MultiRoundTrip.Round round = rounds.roundOf(retryWith(inputRequired("opaque-42")), "files", "alice");

        assertThat(round.forwardedParams().getString("requestState")).isEqualTo("opaque-42");
        assertThat(round.previousAttempt()).isEqualTo(FIRST_ATTEMPT);
    }

    @Test
    void shouldSealAStateEvenWhenTheServerGaveNoneSoThatTheRetryIsLinked() {
        MultiRoundTrip.Round round = rounds.roundOf(retryWith(inputRequired(null)), "files", "alice");

        assertThat(round.forwardedParams().containsKey("requestState")).isFalse();
        assertThat(round.previousAttempt()).isEqualTo(FIRST_ATTEMPT);
    }

    @Test
    void shouldRefuseARetryAimedAtAnotherServer() {
        JsonObject retry = retryWith(inputRequired("opaque-42"));

        assertThatThrownBy(() -> rounds.roundOf(retry, "mail", "alice")).isInstanceOf(RpcException.class)
                .hasMessageContaining("server files, not mail");
    }

    @Test
    void shouldRefuseARetryByAnotherAgent() {
        JsonObject retry = retryWith(inputRequired("opaque-42"));

        assertThatThrownBy(() -> rounds.roundOf(retry, "files", "mallory")).isInstanceOf(RpcException.class)
                .hasMessageContaining("another agent");
    }

    @Test
    void shouldLeaveACompleteResultAsItIs() {
        JsonObject complete = new JsonObject().put("resultType", "complete").put("requestState", "not-for-mrtr");

        assertThat(rounds.relay(complete.copy(), "files", "alice", FIRST_ATTEMPT)).isEqualTo(complete);
    }
}
