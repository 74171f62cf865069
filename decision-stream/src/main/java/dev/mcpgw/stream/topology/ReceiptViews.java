package dev.mcpgw.stream.topology;

import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptRef;

/** The decide events are views of a receipt, so they can never disagree with it. */
final class ReceiptViews {
    private ReceiptViews() {
    }

    static Decision decision(Receipt receipt, Long reviewDeadline, Boolean askCallingUser) {
        return Decision.newBuilder()
                .setIntentId(receipt.getIntent().getIntentId())
                .setEffect(receipt.getEffect())
                .setMatchedRules(receipt.getMatchedRules())
                .setReasons(receipt.getReasons())
                .setPolicyVersion(receipt.getPolicyVersion())
                .setReceipt(reference(receipt))
                .setReplyTo(receipt.getIntent().getReplyTo())
                .setReviewDeadline(reviewDeadline)
                .setAskCallingUser(askCallingUser)
                .build();
    }

    private static ReceiptRef reference(Receipt receipt) {
        return new ReceiptRef(receipt.getChain(), receipt.getSequence(), receipt.getHash());
    }
}
