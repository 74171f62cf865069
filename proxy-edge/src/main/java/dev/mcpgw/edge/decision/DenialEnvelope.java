package dev.mcpgw.edge.decision;

import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * SEP-2643's authorization denial envelope, which SEP-2848 asks of a server refusing a tool call:
 * put in the {@code _meta} of what answers a refused tools/call (a tool result, a task waiting for
 * its review, a JSON-RPC error's {@code data}) under {@code io.modelcontextprotocol/authorization}.
 * It classifies the denial ({@code insufficient_authorization}), says whether it can be acted on,
 * and gives a handle a caller can quote: the call's intent id, which the refusal's text and its
 * receipts already name, and which is never authorization material. It says nothing the refusal
 * does not already say: no rule, reason or approver is in it.
 *
 * @see <a href="https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2643">SEP-2643: Structured Authorization Denials (draft)</a>
 */
public final class DenialEnvelope {
    public static final String META = MetaKeys.AUTHORIZATION;
    /** No remedy exists: the client must not retry the call unchanged, nor try to get another credential. */
    public static final String UNAVAILABLE = "unavailable";
    /** A remedy may exist that this answer does not offer: the client must not retry unchanged, nor conclude there is none. */
    public static final String UNDISCLOSED = "undisclosed";
    /** A remedy exists and is under way: the task that holds the call while its review is decided. */
    public static final String AVAILABLE = "available";

    private DenialEnvelope() {
    }

    /**
     * For a tool result refusing the call by {@code decision}: a DENY (of the policy, or a review's
     * denial or expiry) has no remedy; a REVIEW the client cannot wait for has one (a client taking
     * tasks would have been offered it), which the result describes only in its text.
     */
    public static JsonObject of(Decision decision) {
        return of(decision.getIntentId(), decision.getEffect() == Effect.REVIEW ? UNDISCLOSED : UNAVAILABLE);
    }

    public static JsonObject of(String intentId, String remediation) {
        return new JsonObject().put("reason", "insufficient_authorization").put("remediation", remediation).put("authorizationContextId", intentId);
    }

    /** For a task holding the call {@code intentId} until its review decides (SEP-2643's out-of-band decision). */
    public static JsonObject awaitingReview(String intentId) {
        return of(intentId, AVAILABLE).put("remediationHints", new JsonArray().add(new JsonObject().put("type", "task")));
    }
}
