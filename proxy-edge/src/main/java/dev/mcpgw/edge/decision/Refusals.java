package dev.mcpgw.edge.decision;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** How a request the policy did not allow is answered: why, by which rules, and the receipt that records it. */
public final class Refusals {
    /** Where a refusal's decision goes in a result's {@code _meta}. */
    public static final String DECISION_META = MetaKeys.GATEWAY_PREFIX + "decision";

    private Refusals() {
    }

    /** One sentence: the verdict, the reasons, the rules and the receipt. */
    public static String text(Decision decision) {
        String verdict = decision.getEffect() == Effect.REVIEW
                ? "Not run: this request needs a human approval, which only a tools/call of a session-era client, or of a client "
                        + "taking tasks, can wait for (human review "
                        + decision.getIntentId() + " was opened all the same)"
                : "Denied by the gateway's policy";
        return verdict + ": " + String.join("; ", decision.getReasons())
                + " (rules: " + String.join(", ", decision.getMatchedRules())
                + "; receipt " + decision.getReceipt().getChain() + "/" + decision.getReceipt().getSequence() + ")";
    }

    /** The decision as data: effect, rules, reasons, policy version and receipt. */
    public static JsonObject describe(Decision decision) {
        return new JsonObject()
                .put("effect", decision.getEffect().name())
                .put("matchedRules", new JsonArray(decision.getMatchedRules()))
                .put("reasons", new JsonArray(decision.getReasons()))
                .put("policyVersion", decision.getPolicyVersion())
                .put("receipt", new JsonObject()
                        .put("chain", decision.getReceipt().getChain())
                        .put("sequence", decision.getReceipt().getSequence())
                        .put("hash", decision.getReceipt().getHash()));
    }

    /**
     * A refused tools/call as the model sees it: a tool result with {@code isError} set and the
     * text as its content; the decision and its denial envelope ride in {@code _meta}.
     */
    public static JsonObject toolResult(Decision decision) {
        return new JsonObject()
                .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", text(decision))))
                .put("isError", true)
                .put("_meta", new JsonObject().put(DECISION_META, describe(decision)).put(DenialEnvelope.META, DenialEnvelope.of(decision)));
    }

    /** The JSON-RPC error for a refused request: the text as its message, the decision as its data. */
    public static RpcException error(Decision decision) {
        return new RpcException(ErrorCodes.REFUSED_BY_POLICY, text(decision), describe(decision));
    }
}
