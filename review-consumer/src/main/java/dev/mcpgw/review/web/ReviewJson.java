package dev.mcpgw.review.web;

import dev.mcpgw.review.Review;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewVerdict;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Reviews and verdicts as the JSON API (and so the CLI) shows them. */
final class ReviewJson {
    private ReviewJson() {
    }

    static JsonObject board(List<Review> pending, List<Review> history) {
        return new JsonObject()
                .put("pending", new JsonArray(pending.stream().map(ReviewJson::review).toList()))
                .put("history", new JsonArray(history.stream().map(ReviewJson::review).toList()));
    }

    static JsonObject review(Review review) {
        var request = review.request();
        var intent = request.getIntent();
        JsonArray votes = new JsonArray(review.votes().stream().map(vote -> new JsonObject()
                .put("verdictId", vote.getVerdictId()).put("approver", vote.getApprover()).put("approved", vote.getApproved())
                .put("comment", vote.getComment()).put("channel", vote.getChannel()).put("time", vote.getTime())
                .put("receipt", receipt(vote.getReceipt()))).toList());
        return new JsonObject()
                .put("intentId", review.intentId())
                .put("status", review.status().name())
                .put("agent", intent.getAgent().getId())
                .put("server", intent.getServer())
                .put("tool", intent.getTool())
                .put("arguments", intent.getArgumentsJson())
                .put("matchedRules", new JsonArray(List.copyOf(request.getMatchedRules())))
                .put("reasons", new JsonArray(List.copyOf(request.getReasons())))
                .put("policyVersion", request.getPolicyVersion())
                .put("receipt", receipt(request.getReceipt()))
                .put("requiredApprovals", request.getApproval().getRequiredApprovals())
                .put("approvers", new JsonArray(List.copyOf(request.getApproval().getApprovers())))
                .put("approvals", review.approvals())
                .put("deadline", review.deadline())
                .put("votes", votes)
                .put("finalReceipt", review.state() == null ? null : receipt(review.state().getFinalReceipt()))
                .put("reason", review.state() == null ? null : review.state().getReason());
    }

    static JsonObject verdict(ReviewVerdict verdict) {
        return new JsonObject().put("verdictId", verdict.getVerdictId()).put("intentId", verdict.getIntentId())
                .put("approved", verdict.getApproved()).put("approver", verdict.getApprover()).put("channel", verdict.getChannel())
                .put("time", verdict.getTime());
    }

    /** "chain/sequence", the name `gateway audit replay` prints a receipt by. */
    private static String receipt(ReceiptRef receipt) {
        return receipt == null ? null : receipt.getChain() + "/" + receipt.getSequence();
    }
}
