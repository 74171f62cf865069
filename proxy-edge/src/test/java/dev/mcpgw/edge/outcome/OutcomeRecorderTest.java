package dev.mcpgw.edge.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.CallOutcome;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.ReceiptRef;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class OutcomeRecorderTest {
    private static final JsonObject RESULT = new JsonObject("""
            {"content":[{"type":"text","text":"hello"}],"isError":false}""");

    @Test
    void shouldCallAResultExecutedAndDigestItsCanonicalForm() {
        JsonObject reordered = new JsonObject("""
                {"isError":false,"content":[{"text":"hello","type":"text"}]}""");

        CallOutcome outcome = OutcomeRecorder.outcome(Future.succeededFuture(RESULT), false, builder());

        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.EXECUTED);
        assertThat(outcome.getError()).isNull();
        assertThat(outcome.getResultDigest()).hasSize(64).isEqualTo(OutcomeRecorder.digest(reordered));
    }

    @Test
    void shouldCallARequestForInputInputRequired() {
        JsonObject inputRequired = new JsonObject("""
                {"resultType":"input_required","inputRequests":{"name":{"method":"elicitation/create"}}}""");

        CallOutcome outcome = OutcomeRecorder.outcome(Future.succeededFuture(inputRequired), false, builder());

        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.INPUT_REQUIRED);
        assertThat(outcome.getError()).isNull();
    }

    @Test
    void shouldCallAToolErrorFailedWithTheToolsText() {
        JsonObject toolError = new JsonObject("""
                {"content":[{"type":"text","text":"disk full"}],"isError":true}""");

        CallOutcome outcome = OutcomeRecorder.outcome(Future.succeededFuture(toolError), false, builder());

        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.getError()).isEqualTo("tool error: disk full");
        assertThat(outcome.getResultDigest()).isNotNull();
    }

    @Test
    void shouldCallADownstreamErrorFailedWithItsCodeAndMessage() {
        CallOutcome outcome = OutcomeRecorder.outcome(
                Future.failedFuture(new RpcException(ErrorCodes.INTERNAL_ERROR, "boom")), false, builder());

        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.getError()).isEqualTo("-32603 boom");
        assertThat(outcome.getResultDigest()).isNull();
    }

    @Test
    void shouldCallACallTheClientCancelledCancelled() {
        CallOutcome outcome = OutcomeRecorder.outcome(
                Future.failedFuture(new RpcException(ErrorCodes.REQUEST_CANCELLED, "Request cancelled: no longer needed")), true, builder());

        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.CANCELLED);
        assertThat(outcome.getError()).contains("no longer needed");
    }

    @Test
    void shouldClipTheReasonAClientGaveForCancellingLikeAnyOtherError() {
        String reason = "x".repeat(100_000);

        CallOutcome outcome = OutcomeRecorder.outcome(
                Future.failedFuture(new RpcException(ErrorCodes.REQUEST_CANCELLED, "Request cancelled: " + reason)), true, builder());

        assertThat(outcome.getError()).hasSize(501).startsWith("Request cancelled: xxx").endsWith("x…");
    }

    @Test
    void shouldRedactACredentialInAToolsErrorTextBeforeCuttingIt() {
        String text = "y".repeat(490) + " AKIAIOSFODNN7EXAMPLE";
        JsonObject toolError = new JsonObject().put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)))
                .put("isError", true);

        CallOutcome outcome = OutcomeRecorder.outcome(Future.succeededFuture(toolError), false, builder());

        assertThat(outcome.getError()).doesNotContain("AKIA").contains("[redacted");
    }

    @Test
    void shouldRecordACancelledCallWhoseFailureSaysNothing() {
        CallOutcome outcome = OutcomeRecorder.outcome(Future.failedFuture(new IllegalStateException()), true, builder());

        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.CANCELLED);
        assertThat(outcome.getError()).isNull();
    }

    private static CallOutcome.Builder builder() {
        return CallOutcome.newBuilder().setDecisionReceipt(new ReceiptRef("propose-0", 3L, "ab")).setFinishedAt(1000L).setDurationMs(7L);
    }
}
