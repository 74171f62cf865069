package dev.mcpgw.edge.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReplyAddress;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SEP-2643's envelope on the gateway's refusals: what it says, and all it says. */
class DenialEnvelopeTest {

    @Test
    void shouldTellAClientADeniedCallHasNoRemedy() {
        JsonObject envelope = DenialEnvelope.of(decision(Effect.DENY));

        assertThat(envelope.getString("reason")).isEqualTo("insufficient_authorization");
        assertThat(envelope.getString("remediation")).isEqualTo("unavailable");
        assertThat(envelope.containsKey("remediationHints")).isFalse();
    }

    @Test
    void shouldTellAClientThatCannotWaitForAReviewThatItsRemedyIsUndisclosedNeverUnavailable() {
        JsonObject envelope = DenialEnvelope.of(decision(Effect.REVIEW));

        assertThat(envelope.getString("remediation")).isEqualTo("undisclosed");
        assertThat(envelope.containsKey("remediationHints")).isFalse();
    }

    @Test
    void shouldOfferATaskHintWhileATaskHoldsTheCallForItsReview() {
        JsonObject envelope = DenialEnvelope.awaitingReview("intent-1");

        assertThat(envelope.getString("remediation")).isEqualTo("available");
        assertThat(envelope.getJsonArray("remediationHints")).containsExactly(new JsonObject().put("type", "task"));
        assertThat(envelope.getString("authorizationContextId")).isEqualTo("intent-1");
    }

    @Test
    void shouldCarryTheIntentIdAsItsHandleAndNoRuleReasonOrPolicy() {
        JsonObject envelope = DenialEnvelope.of(decision(Effect.DENY));

        assertThat(envelope.fieldNames()).containsExactlyInAnyOrder("reason", "remediation", "authorizationContextId");
        assertThat(envelope.getString("authorizationContextId")).isEqualTo("intent-7");
        assertThat(envelope.encode()).doesNotContain("no-deletes", "deletions are never automated", "policy-v3");
    }

    private static Decision decision(Effect effect) {
        return new Decision("intent-7", effect, List.of("no-deletes"), List.of("deletions are never automated"), "policy-v3",
                new ReceiptRef("propose-0", 4L, "00"), new ReplyAddress("edge-1", 1), "", null, null);
    }
}
