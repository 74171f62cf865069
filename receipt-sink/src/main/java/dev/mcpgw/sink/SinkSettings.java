package dev.mcpgw.sink;

import dev.mcpgw.schemas.Topics;
import java.nio.file.Path;

/**
 * Where the receipt sink reads (the receipt and checkpoint topics, as consumer group
 * {@code groupId}) and where it archives (a directory, segments closed after
 * {@code receiptsPerSegment} receipts).
 */
public record SinkSettings(String bootstrapServers, String receiptTopic, String checkpointTopic, String groupId,
                           Path archiveDir, long receiptsPerSegment) {

    public static SinkSettings defaults(String bootstrapServers, Path archiveDir) {
        return new SinkSettings(bootstrapServers, Topics.RECEIPT.name(), Topics.CHECKPOINT.name(), "receipt-sink", archiveDir, 100_000);
    }

    /** Following other topics (a copy under audit, say) under another consumer group. */
    public SinkSettings following(String receiptTopic, String checkpointTopic, String groupId) {
        return new SinkSettings(bootstrapServers, receiptTopic, checkpointTopic, groupId, archiveDir, receiptsPerSegment);
    }

    public SinkSettings withReceiptsPerSegment(long receipts) {
        return new SinkSettings(bootstrapServers, receiptTopic, checkpointTopic, groupId, archiveDir, receipts);
    }
}
