package dev.mcpgw.launcher.replay;

import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The decisions on record, by intent id, read from the receipt topic: the first decision receipt
 * of each intent is what the policy in force decided (a later one, such as a review's end, is not
 * the policy's answer).
 */
final class RecordedDecisions {
    private RecordedDecisions() {
    }

    static Map<String, RecordedDecision> read(String bootstrapServers, Duration timeout) {
        Map<String, RecordedDecision> decisions = new HashMap<>();
        TopicConsumers.readToEnd(bootstrapServers, Topics.RECEIPT.name(), Topics.RECEIPT, timeout, record -> {
            Receipt receipt = record.value();
            if (receipt != null && receipt.getKind() == ReceiptKind.DECISION) {
                decisions.putIfAbsent(receipt.getIntent().getIntentId(),
                        RecordedDecision.of(receipt.getEffect().name(), receipt.getMatchedRules()));
            }
            return true;
        });
        return decisions;
    }
}
