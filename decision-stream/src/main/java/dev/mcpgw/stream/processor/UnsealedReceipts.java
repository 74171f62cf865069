package dev.mcpgw.stream.processor;

import dev.mcpgw.schemas.CallOutcome;
import dev.mcpgw.schemas.Effect;
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

    /**
     * The receipt of what a call did, repeating its decision receipt's (redacted) intent, rules and
     * reasons; its time is when the call ended.
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
                .setOutcome(outcome)
                .build();
    }

    private static Receipt.Builder blank() {
        return Receipt.newBuilder().setChain("").setSequence(0).setPreviousHash("").setKeyId("").setHash("").setSignature("");
    }
}
