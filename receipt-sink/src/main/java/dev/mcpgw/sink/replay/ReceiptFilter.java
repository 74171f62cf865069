package dev.mcpgw.sink.replay;

import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import java.time.Instant;

/**
 * Which receipts an auditor asks for: a range of event time or of topic offset (either end may be
 * open; the start inclusive, the end exclusive), an agent, a decision, a kind (decision or outcome
 * receipts). Null means "any".
 */
public record ReceiptFilter(Bound from, Bound to, String agent, Effect decision, ReceiptKind kind) {

    /** One end of the range: an instant (ISO-8601) or a topic offset (digits only). */
    public record Bound(Instant time, Long offset) {
        public static Bound parse(String text) {
            if (text == null) {
                return null;
            }
            return text.chars().allMatch(Character::isDigit) ? new Bound(null, Long.parseLong(text)) : new Bound(Instant.parse(text), null);
        }

        boolean atOrBefore(long offset, Receipt receipt) {
            return this.offset != null ? this.offset <= offset : !time.isAfter(Instant.ofEpochMilli(receipt.getTime()));
        }
    }

    public boolean matches(long offset, Receipt receipt) {
        return (from == null || from.atOrBefore(offset, receipt))
                && (to == null || !to.atOrBefore(offset, receipt))
                && (agent == null || agent.equals(receipt.getIntent().getAgent().getId()))
                && (decision == null || decision == receipt.getEffect())
                && (kind == null || kind == receipt.getKind());
    }
}
