package dev.mcpgw.review;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.ApprovalSettings;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewState;
import dev.mcpgw.schemas.ReviewStatus;
import dev.mcpgw.schemas.ReviewVote;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.TopicIO;
import java.util.List;
import java.util.UUID;

/** Review requests and states as the decision stream writes them, for the review service's tests. */
public final class SampleReviews {
    public static final long AN_HOUR = 3_600_000L;

    private SampleReviews() {
    }

    /** A review of {@code agent} calling bank/pay with {@code argumentsJson}, for anyone, due in an hour. */
    public static ReviewRequest request(String agent, String argumentsJson) {
        return request(agent, argumentsJson, List.of(), System.currentTimeMillis() + AN_HOUR);
    }

    public static ReviewRequest request(String agent, String argumentsJson, List<String> approvers, long deadline) {
        String intentId = UUID.randomUUID().toString();
        Intent intent = SampleIntents.intent().setIntentId(intentId).setAgent(SampleIntents.agent(agent)).setServer("bank")
                .setTool("pay").setArgumentsJson(argumentsJson).setEventTime(System.currentTimeMillis()).build();
        return ReviewRequest.newBuilder().setIntentId(intentId).setIntent(intent).setMatchedRules(List.of("payments"))
                .setReasons(List.of("rule payments sends this call to review")).setPolicyVersion("v1")
                .setReceipt(new ReceiptRef("propose-0", 7L, "ab".repeat(32)))
                .setApproval(ApprovalSettings.newBuilder().setApprovers(approvers).build())
                .setDeadline(deadline).setArgumentsDigest("cd".repeat(32)).build();
    }

    public static ReviewRequest published(ReviewRequest request) {
        TopicIO.write(Topics.REVIEW_REQUEST, request.getIntentId(), request, System.currentTimeMillis());
        return request;
    }

    /** The stream's state of {@code request} once {@code approver} approved it and it was allowed. */
    public static ReviewState approvedBy(ReviewRequest request, String approver) {
        ReviewVote vote = ReviewVote.newBuilder().setVerdictId(UUID.randomUUID().toString()).setApprover(approver).setApproved(true)
                .setComment("fine").setChannel("web").setTime(System.currentTimeMillis())
                .setReceipt(new ReceiptRef("propose-0", 8L, "ef".repeat(32))).build();
        return ReviewState.newBuilder().setIntentId(request.getIntentId()).setRequest(request).setStatus(ReviewStatus.APPROVED)
                .setVotes(List.of(vote)).setFinalReceipt(new ReceiptRef("propose-0", 9L, "12".repeat(32)))
                .setReason("approved by " + approver).setUpdatedAt(System.currentTimeMillis()).build();
    }

    /** The stream's state of {@code request}, needing two approvals, after {@code approver} gave the first. */
    public static ReviewState pendingWithVoteBy(ReviewRequest request, String approver) {
        ReviewState approved = approvedBy(request, approver);
        return ReviewState.newBuilder(approved).setStatus(ReviewStatus.PENDING).setFinalReceipt(null).setReason(null).build();
    }

    public static ReviewState published(ReviewState state) {
        TopicIO.write(Topics.REVIEW_STATE, state.getIntentId(), state, System.currentTimeMillis());
        return state;
    }
}
