package dev.mcpgw.sink;

import dev.mcpgw.chain.LocalSeals;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.sink.siem.OcsfOutput;
import java.nio.file.Path;

/**
 * Where the receipt sink reads (the receipt and checkpoint topics, as consumer group
 * {@code groupId}), where it archives (a directory, segments closed after {@code receiptsPerSegment}
 * receipts), where it sends archived receipts as OCSF events (null: nowhere), and the seals a
 * decision stream of the same process made ({@link LocalSeals}: receipts it need not verify the
 * signatures of again; none by default).
 */
public record SinkSettings(String bootstrapServers, String receiptTopic, String checkpointTopic, String groupId,
                           Path archiveDir, long receiptsPerSegment, OcsfOutput ocsf, LocalSeals localSeals) {

    public static SinkSettings defaults(String bootstrapServers, Path archiveDir) {
        return new SinkSettings(bootstrapServers, Topics.RECEIPT.name(), Topics.CHECKPOINT.name(), "receipt-sink", archiveDir, 100_000, null,
                LocalSeals.none());
    }

    /** Following other topics (a copy under audit, say) under another consumer group. */
    public SinkSettings following(String receiptTopic, String checkpointTopic, String groupId) {
        return new SinkSettings(bootstrapServers, receiptTopic, checkpointTopic, groupId, archiveDir, receiptsPerSegment, ocsf, localSeals);
    }

    public SinkSettings withReceiptsPerSegment(long receipts) {
        return new SinkSettings(bootstrapServers, receiptTopic, checkpointTopic, groupId, archiveDir, receipts, ocsf, localSeals);
    }

    public SinkSettings withOcsf(OcsfOutput output) {
        return new SinkSettings(bootstrapServers, receiptTopic, checkpointTopic, groupId, archiveDir, receiptsPerSegment, output, localSeals);
    }

    public SinkSettings withLocalSeals(LocalSeals seals) {
        return new SinkSettings(bootstrapServers, receiptTopic, checkpointTopic, groupId, archiveDir, receiptsPerSegment, ocsf, seals);
    }
}
