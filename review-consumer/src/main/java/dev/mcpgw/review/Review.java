package dev.mcpgw.review;

import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewState;
import dev.mcpgw.schemas.ReviewStatus;
import dev.mcpgw.schemas.ReviewVote;
import java.util.List;

/** One review as the approvers see it: its request, and the decision stream's state of it once there is one. */
public record Review(ReviewRequest request, ReviewState state) {

    public String intentId() {
        return request.getIntentId();
    }

    /** PENDING until the decision stream says otherwise. */
    public ReviewStatus status() {
        return state == null ? ReviewStatus.PENDING : state.getStatus();
    }

    public boolean isPending() {
        return status() == ReviewStatus.PENDING;
    }

    public List<ReviewVote> votes() {
        return state == null ? List.of() : state.getVotes();
    }

    public long approvals() {
        return votes().stream().filter(ReviewVote::getApproved).count();
    }

    /** The deadline, or 0 where the request carries none. */
    public long deadline() {
        return request.getDeadline();
    }

    public boolean hasVoteBy(String approver) {
        return votes().stream().anyMatch(vote -> vote.getApprover().equals(approver));
    }

    /** When the review last changed: the state's time, else the intent's. */
    public long updatedAt() {
        return state == null ? request.getIntent().getEventTime() : state.getUpdatedAt();
    }
}
