package dev.mcpgw.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.SampleChains;
import dev.mcpgw.kafka.ReceiptKeyTopic;
import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.sink.archive.ArchiveLayout;
import dev.mcpgw.sink.archive.ArchiveVerifier;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink stops part-way through a trail of 3000 receipts in two chains, in the worst state a
 * crash can leave: its last 300 archived receipts not acknowledged to Kafka, and half a line
 * written after them. Restarted, it must end with every receipt archived exactly once, in order.
 */
class ReceiptSinkRestartIT {
    private static final int PER_CHAIN = 1500;

    @Test
    void shouldNeitherLoseNorDuplicateAnArchiveLineAcrossARestart(@TempDir Path archive) throws Exception {
        ReceiptKeyTopic.publish(SharedKafka.bootstrapServers(), SampleChains.KEY.published(0L));
        List<Receipt> trail = SampleChains.interleave(SampleChains.chain("propose-0", PER_CHAIN), SampleChains.chain("propose-1", PER_CHAIN));
        Topic<String, Receipt> receipts = RealTrail.copyOf(Topics.RECEIPT);
        String checkpoints = RealTrail.checkpointTopicWith(List.of(SampleChains.checkpointOf(trail, "propose-0"), SampleChains.checkpointOf(trail, "propose-1")));
        SinkSettings settings = SinkSettings.defaults(SharedKafka.bootstrapServers(), archive)
                .following(receipts.name(), checkpoints, "sink-" + receipts.name()).withReceiptsPerSegment(700);

        write(receipts, trail.subList(0, 1800));
        try (ReceiptSink sink = new ReceiptSink(settings).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.archivedCount() == 1800);
        }
        forgetTheLastAcknowledgement(settings, 1500);
        Files.writeString(ArchiveLayout.segment(archive, 3), "{\"chain\":\"propose-1\",\"sequ", StandardOpenOption.APPEND);

        try (ReceiptSink sink = new ReceiptSink(settings).start()) {
            write(receipts, trail.subList(1800, trail.size()));
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.verifiedCount() == trail.size() - 1800);
        }

        VerificationReport report = new ArchiveVerifier(KeyRing.of(SampleChains.KEY.publicKey())).verify(archive);
        assertThat(report.intact()).as(report.toString()).isTrue();
        // Every line verified in its chain's order: a line lost or written twice would break a chain.
        assertThat(report.verified()).isEqualTo(trail.size());
        assertThat(report.heads().values()).extracting(ChainHead::nextSequence).containsOnly((long) PER_CHAIN);
    }

    private static void forgetTheLastAcknowledgement(SinkSettings settings, long offset) throws Exception {
        try (Admin admin = SharedKafka.admin()) {
            admin.alterConsumerGroupOffsets(settings.groupId(),
                    Map.of(new TopicPartition(settings.receiptTopic(), 0), new OffsetAndMetadata(offset))).all().get();
        }
    }

    private static void write(Topic<String, Receipt> topic, List<Receipt> receipts) {
        TopicIO.writeAll(topic, receipts.stream().map(r -> Map.entry(r.getChain() + "/" + r.getSequence(), r)).toList());
    }
}
