package dev.mcpgw.stream.processor;

import dev.mcpgw.schemas.ApprovalSettings;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Outcome;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReviewVerdict;

/**
 * What the chain step takes, one of: the unsealed receipt of a decision (for a REVIEW with the
 * intent as proposed and the approval settings its review needs); an outcome the edge reported
 * (whose receipt the chain step builds from the decision receipt it names); an authenticated
 * review verdict; or a tick of the review clock, which only moves the task's stream time on.
 * Passed in memory only.
 */
public record ChainEntry(Receipt decision, Intent proposed, ApprovalSettings approval, Outcome outcome, ReviewVerdict verdict) {

    public static ChainEntry of(Evaluation evaluation) {
        return new ChainEntry(UnsealedReceipts.decision(evaluation), evaluation.proposed(), evaluation.approval(), null, null);
    }

    public static ChainEntry of(Receipt decision) {
        return new ChainEntry(decision, null, null, null, null);
    }

    public static ChainEntry of(Outcome outcome) {
        return new ChainEntry(null, null, null, outcome, null);
    }

    public static ChainEntry of(ReviewVerdict verdict) {
        return new ChainEntry(null, null, null, null, verdict);
    }

    public static ChainEntry tick() {
        return new ChainEntry(null, null, null, null, null);
    }
}
