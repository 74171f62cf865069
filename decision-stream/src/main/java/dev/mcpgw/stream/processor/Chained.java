package dev.mcpgw.stream.processor;

import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewState;

/**
 * What the chain step emits, one of: a receipt (for a REVIEW decision, with its review's deadline and,
 * when true, that the calling client's user may be asked),
 * a checkpoint of its chain, a new review request, the state of a review, or a tick for the review
 * clock (the partition it is for). Passed in memory only, never serialized.
 */
public record Chained(Receipt receipt, Long reviewDeadline, Boolean askCallingUser, Checkpoint checkpoint, ReviewRequest reviewRequest,
                      ReviewState reviewState, Integer tick) {

    static Chained of(Receipt receipt, Long reviewDeadline, Boolean askCallingUser) {
        return new Chained(receipt, reviewDeadline, askCallingUser, null, null, null, null);
    }

    static Chained of(Checkpoint checkpoint) {
        return new Chained(null, null, null, checkpoint, null, null, null);
    }

    static Chained of(ReviewRequest request) {
        return new Chained(null, null, null, null, request, null, null);
    }

    static Chained of(ReviewState state) {
        return new Chained(null, null, null, null, null, state, null);
    }

    static Chained tick(int partition) {
        return new Chained(null, null, null, null, null, null, partition);
    }
}
