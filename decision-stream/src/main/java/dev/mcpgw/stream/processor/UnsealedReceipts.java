package dev.mcpgw.stream.processor;

import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Outcome;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;

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

    /** The receipt of what an allowed call did, repeating its decision; its time is when the call ended. */
    public static Receipt outcome(Outcome outcome) {
        Decision decision = outcome.getDecision();
        return blank()
                .setIntent(outcome.getIntent())
                .setPolicyVersion(decision.getPolicyVersion())
                .setEffect(decision.getEffect())
                .setMatchedRules(decision.getMatchedRules())
                .setReasons(decision.getReasons())
                .setTime(outcome.getOutcome().getFinishedAt())
                .setKind(ReceiptKind.OUTCOME)
                .setOutcome(outcome.getOutcome())
                .build();
    }

    private static Receipt.Builder blank() {
        return Receipt.newBuilder().setChain("").setSequence(0).setPreviousHash("").setKeyId("").setHash("").setSignature("");
    }
}
