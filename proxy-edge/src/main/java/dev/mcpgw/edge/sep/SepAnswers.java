package dev.mcpgw.edge.sep;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.SepRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The answer to authorization/propose and authorization/decide, in the draft's decide shape
 * ({@code receiptId}, {@code decision: {outcome, evaluatedAt, policyId, policyVersion, reason,
 * matchedRules}}, {@code policy}) with the gateway's own beside it: the intent id, the receipt
 * that records the decision, for an ALLOW the single-use authorization and what it is bound to,
 * for a REVIEW how to follow it. The {@code receiptId} is the intent id: the id a tools/call
 * presents as {@code _meta.authorizationId}, and the one authorization/receipt takes.
 */
final class SepAnswers {
    static final String POLICY_ID = "gateway.policy";
    private static final String RATE_LIMIT_REASON = "denied by the rate limit";

    private SepAnswers() {
    }

    /** The answer for {@code proposed} as it stands; when no decision could be had (none came in time, Kafka is down), that error. */
    static JsonObject of(ProposedIntents.Proposed proposed) {
        proposed.failure().filter(e -> proposed.decision().isEmpty()).ifPresent(e -> {
            throw e instanceof RpcException rpc ? rpc : new RpcException(ErrorCodes.AUTHORIZATION_UNAVAILABLE, "No decision could be had");
        });
        Intent intent = proposed.intent();
        JsonObject answer = new JsonObject()
                .put("intentId", intent.getIntentId())
                .put("receiptId", intent.getIntentId());
        if (proposed.envelopeId() != null) {
            answer.put("envelopeId", proposed.envelopeId());
        }
        if (proposed.decision().isEmpty()) {
            return answer.put("status", "pending")
                    .put("follow", "call authorization/decide with this intentId, and waitMs to wait for the decision");
        }
        Decision decision = proposed.decision().get();
        answer.put("status", decision.getEffect() == Effect.REVIEW ? "review" : "decided")
                .put("decision", decision(decision, proposed.decidedAt()))
                .put("policy", new JsonObject().put("id", POLICY_ID).put("version", decision.getPolicyVersion()).put("source", "kafka"))
                .put("receipt", new JsonObject().put("chain", decision.getReceipt().getChain())
                        .put("sequence", decision.getReceipt().getSequence()).put("hash", decision.getReceipt().getHash()));
        if (decision.getEffect() == Effect.ALLOW) {
            answer.put("authorization", authorization(intent, proposed.decidedAt()));
        } else if (decision.getEffect() == Effect.REVIEW) {
            JsonObject review = new JsonObject().put("reviewId", intent.getIntentId());
            if (decision.getReviewDeadline() != null) {
                review.put("deadline", Instant.ofEpochMilli(decision.getReviewDeadline()).toString());
            }
            answer.put("review", review
                    .put("follow", "call authorization/decide with this intentId and waitMs (up to the gateway's bound) until the outcome is"
                            + " allow or deny; the review is denied when its rule's deadline passes without enough approvals"));
        }
        return answer;
    }

    /** The draft's decision object, with the gateway's effect and every reason as well. */
    static JsonObject decision(Decision decision, long evaluatedAt) {
        return decision(decision.getEffect(), decision.getMatchedRules(), decision.getReasons(), decision.getPolicyVersion(), evaluatedAt);
    }

    static JsonObject decision(Effect effect, List<String> matchedRules, List<String> reasons, String policyVersion, long evaluatedAt) {
        JsonArray rules = new JsonArray();
        matchedRules.forEach(rule -> rules.add(new JsonObject().put("ruleId", rule)));
        return new JsonObject()
                .put("outcome", outcome(effect, reasons))
                .put("effect", effect.name())
                .put("evaluatedAt", Instant.ofEpochMilli(evaluatedAt).toString())
                .put("policyId", POLICY_ID)
                .put("policyVersion", policyVersion)
                .put("reason", String.join("; ", reasons))
                .put("reasons", new JsonArray(reasons))
                .put("matchedRules", rules);
    }

    static String outcome(Decision decision) {
        return outcome(decision.getEffect(), decision.getReasons());
    }

    private static String outcome(Effect effect, List<String> reasons) {
        return switch (effect) {
            case ALLOW -> "allow";
            case REVIEW -> "require_approval";
            case DENY -> reasons.stream().anyMatch(r -> r.startsWith(RATE_LIMIT_REASON)) ? "rate_limited" : "deny";
        };
    }

    /** What an ALLOW's authorization is bound to; it expires its time to live after the ALLOW. */
    private static JsonObject authorization(Intent intent, long allowedAt) {
        return new JsonObject()
                .put("id", intent.getIntentId())
                .put("singleUse", true)
                .put("agent", intent.getAgent().getId())
                .put("server", intent.getServer())
                .put("tool", intent.getTool())
                .put("argumentsDigest", SepRules.argumentsDigest(intent.getArgumentsJson()))
                .put("expiresAt", Instant.ofEpochMilli(allowedAt + intent.getAuthorizationTtlMs()).toString())
                .put("use", "tools/call with these exact arguments and _meta.authorizationId = this id, once, before expiresAt");
    }
}
