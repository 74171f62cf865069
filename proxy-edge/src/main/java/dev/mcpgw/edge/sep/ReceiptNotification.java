package dev.mcpgw.edge.sep;

import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.schemas.Decision;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The draft's {@code authorization/receipt} notification, sent on a tools/call's response stream
 * before its result when the call presented an authorization and its client declared the draft's
 * {@code authorization} capability (a client that did not gets a plain answer, as ever). It says
 * how the call ended and which receipt allowed it; the outcome receipt is made by the decision
 * stream after the call, so the signed receipts, linked in their chain, come from the
 * authorization/receipt request.
 */
public final class ReceiptNotification {
    private static final String CAPABILITY = "authorization";

    private ReceiptNotification() {
    }

    public static boolean wanted(JsonObject clientCapabilities) {
        return clientCapabilities != null && clientCapabilities.containsKey(CAPABILITY);
    }

    /** For the call that redeemed {@code authorizationId}, allowed by {@code decision}, which ended with {@code result}. */
    public static JsonObject of(String authorizationId, Decision decision, JsonObject result, long startedAt, long completedAt) {
        return JsonRpc.notification(McpMethods.AUTHORIZATION_RECEIPT, new JsonObject().put("receipt", new JsonObject()
                .put("id", authorizationId)
                .put("timestamp", Instant.ofEpochMilli(completedAt).toString())
                .put("decision", SepAnswers.decision(decision, startedAt))
                .put("status", result.getBoolean("isError", false) ? "failed" : "executed")
                .put("execution", new JsonObject()
                        .put("startedAt", Instant.ofEpochMilli(startedAt).toString())
                        .put("completedAt", Instant.ofEpochMilli(completedAt).toString())
                        .put("durationMs", completedAt - startedAt))
                .put("chain", decision.getReceipt().getChain())
                .put("sequence", decision.getReceipt().getSequence())
                .put("receiptHash", decision.getReceipt().getHash())
                .put("metadata", new JsonObject().put("receipts", "authorization/receipt with receiptId " + authorizationId
                        + " returns the signed decision and outcome receipts with their chain links"))));
    }
}
