package dev.mcpgw.stream.processor;

import dev.mcpgw.policy.scan.Redaction;
import dev.mcpgw.schemas.CallOutcome;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewStatus;
import dev.mcpgw.schemas.ReviewTrail;
import dev.mcpgw.schemas.ReviewVote;
import java.util.List;

/**
 * Receipts with their content filled in and their place in a chain (chain, sequence, previous
 * hash, key, hash, signature) still blank: what the chain step links and signs.
 */
public final class UnsealedReceipts {
    private UnsealedReceipts() {
    }

    /** The receipt of a decision; its time is the intent's event time. */
    public static Receipt decision(Evaluation evaluation) {
        return blank()
                .setIntent(evaluation.intent())
                .setPolicyVersion(evaluation.policyVersion())
                .setEffect(Effect.valueOf(evaluation.decision().effect().name()))
                .setMatchedRules(evaluation.decision().matchedRules())
                .setReasons(evaluation.decision().reasons())
                .setTime(evaluation.intent().getEventTime())
                .setKind(ReceiptKind.DECISION)
                .build();
    }

    /**
     * The receipt of what a call did, repeating its decision receipt's (redacted) intent, rules and
     * reasons; its time is when the call ended. Its error text is words the gateway does not write
     * (a tool's error, a client's cancellation reason), so a credential in it is redacted.
     */
    public static Receipt outcome(Receipt decision, CallOutcome outcome) {
        return blank()
                .setIntent(decision.getIntent())
                .setPolicyVersion(decision.getPolicyVersion())
                .setEffect(decision.getEffect())
                .setMatchedRules(decision.getMatchedRules())
                .setReasons(decision.getReasons())
                .setTime(outcome.getFinishedAt())
                .setKind(ReceiptKind.OUTCOME)
                .setOutcome(withoutCredentials(outcome))
                .build();
    }

    private static CallOutcome withoutCredentials(CallOutcome outcome) {
        String error = outcome.getError();
        if (error == null) {
            return outcome;
        }
        String redacted = Redaction.credentialsIn(error);
        return redacted.equals(error) ? outcome : CallOutcome.newBuilder(outcome).setError(redacted).build();
    }

    /**
     * The receipt of one verdict on the review {@code request} opened: the review's intent, policy
     * version and rules, effect REVIEW (the verdict alone decides nothing), the verdict itself and
     * whether it counted; {@code reason} says what it did or why it was refused.
     */
    public static Receipt verdict(ReviewRequest request, ReviewVote vote, boolean applied, ReviewStatus status, String reason, long time) {
        return blank()
                .setIntent(request.getIntent())
                .setPolicyVersion(request.getPolicyVersion())
                .setEffect(Effect.REVIEW)
                .setMatchedRules(request.getMatchedRules())
                .setReasons(List.of(reason))
                .setTime(time)
                .setKind(ReceiptKind.VERDICT)
                .setReview(ReviewTrail.newBuilder().setReviewReceipt(request.getReceipt()).setStatus(status)
                        .setVerdict(vote).setApplied(applied).build())
                .build();
    }

    /**
     * The final decision of the review {@code request} opened: ALLOW or DENY of its intent (as
     * redacted for receipts), linked to the review receipt and to the receipts of the verdicts that counted.
     */
    public static Receipt finalDecision(ReviewRequest request, Intent intent, Effect effect, ReviewStatus status, String policyVersion,
                                        List<String> matchedRules, List<String> reasons, List<ReceiptRef> votes, long time) {
        return blank()
                .setIntent(intent)
                .setPolicyVersion(policyVersion)
                .setEffect(effect)
                .setMatchedRules(matchedRules)
                .setReasons(reasons)
                .setTime(time)
                .setKind(ReceiptKind.DECISION)
                .setReview(ReviewTrail.newBuilder().setReviewReceipt(request.getReceipt()).setStatus(status).setVotes(votes).build())
                .build();
    }

    private static Receipt.Builder blank() {
        return Receipt.newBuilder().setChain("").setSequence(0).setPreviousHash("").setKeyId("").setHash("").setSignature("");
    }
}
