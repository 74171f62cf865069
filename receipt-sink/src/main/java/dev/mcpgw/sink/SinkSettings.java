package dev.mcpgw.sink;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.sink.siem.OcsfOutput;
import java.nio.file.Path;

/**
 * Where the receipt sink reads (the receipt and checkpoint topics, as consumer group
 * {@code groupId}), where it archives (a directory, segments closed after {@code receiptsPerSegment}
 * receipts), and where it sends archived receipts as OCSF events (null: nowhere).
 */
public record SinkSettings(String bootstrapServers, String receiptTopic, String checkpointTopic, String groupId,
                           Path archiveDir, long receiptsPerSegment, OcsfOutput ocsf) {

    public static SinkSettings defaults(String bootstrapServers, Path archiveDir) {
        return new SinkSettings(bootstrapServers, Topics.RECEIPT.name(), Topics.CHECKPOINT.name(), "receipt-sink", archiveDir, 100_000, null);
    }

    /** Following other topics (a copy under audit, say) under another consumer group. */
    public SinkSettings following(String receiptTopic, String checkpointTopic, String groupId) {
        return new SinkSettings(bootstrapServers, receiptTopic, checkpointTopic, groupId, archiveDir, receiptsPerSegment, ocsf);
    }

    public SinkSettings withReceiptsPerSegment(long receipts) {
        return new SinkSettings(bootstrapServers, receiptTopic, checkpointTopic, groupId, archiveDir, receipts, ocsf);
    }

    public SinkSettings withOcsf(OcsfOutput output) {
        return new SinkSettings(bootstrapServers, receiptTopic, checkpointTopic, groupId, archiveDir, receiptsPerSegment, output);
    }
}
