package dev.mcpgw.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.DeadLetter;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record on the receipt topic that is no receipt (garbage, a tombstone) breaks the trail: the
 * running sink raises the alarm and keeps running, archiving nothing after the break. A record
 * on the checkpoint topic that is no checkpoint is passed over. Each lands on gateway.dead-letter.
 */
class UnreadableRecordsIT {

    @Test
    void shouldRaiseTheAlarmAndKeepRunningWhenTheReceiptTopicHoldsGarbage(@TempDir Path archive) throws Exception {
        String topic = RealTrail.receiptTopicWith(RealTrail.receipts().subList(0, 2));
        TopicIO.writeBytes(topic, "propose-0/2", new byte[] {(byte) 0xff, 0x13, 0x37});

        try (ReceiptSink sink = startSink(topic, archive)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.firstBreak().isPresent());

            assertThat(sink.firstBreak().get().check()).isEqualTo("readable receipt");
            // The count is published once the batch holding the break is synced, a moment after the break is known.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sink.archivedCount()).isEqualTo(2));
            assertThat(sink.isRunning()).isTrue();
            assertThat(deadLettersFor(topic)).extracting(DeadLetter::getOffset).containsExactly(2L);
        }
    }

    @Test
    void shouldReportAnUnreadableReceiptAsTheFirstBreakWhenAuditingTheTopic() throws Exception {
        String topic = RealTrail.receiptTopicWith(RealTrail.receipts().subList(0, 2));
        TopicIO.writeBytes(topic, "propose-0/2", new byte[] {(byte) 0xff, 0x13, 0x37});

        VerificationReport report = new TopicVerifier(SharedKafka.bootstrapServers()).verify(topic, Topics.CHECKPOINT.name());

        assertThat(report.firstBreak()).hasValueSatisfying(b -> assertThat(b.check()).isEqualTo("readable receipt"));
        assertThat(report.verified()).isEqualTo(2);
        assertThat(report.location()).endsWith(" offset 2");
    }

    @Test
    void shouldRaiseTheAlarmWhenAReceiptIsDeletedByATombstone(@TempDir Path archive) throws Exception {
        String topic = RealTrail.receiptTopicWith(RealTrail.receipts().subList(0, 1));
        TopicIO.writeBytes(topic, "propose-0/0", null);

        try (ReceiptSink sink = startSink(topic, archive)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.firstBreak().isPresent());

            assertThat(sink.firstBreak().get().found()).isEqualTo("a tombstone");
            assertThat(sink.isRunning()).isTrue();
            assertThat(deadLettersFor(topic)).singleElement().satisfies(letter -> assertThat(letter.getReason()).isEqualTo("tombstone"));
        }
    }

    @Test
    void shouldPassOverAnUnreadableCheckpointAndArchiveEveryReceipt(@TempDir Path archive) throws Exception {
        String receipts = RealTrail.receiptTopicWith(RealTrail.receipts());
        String checkpoints = RealTrail.checkpointTopicWith(List.of());
        TopicIO.writeBytes(checkpoints, "propose-0/3", new byte[] {1, 2, 3});

        SinkSettings settings = SinkSettings.defaults(SharedKafka.bootstrapServers(), archive)
                .following(receipts, checkpoints, "sink-" + receipts);
        try (ReceiptSink sink = new ReceiptSink(settings).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.archivedCount() == RealTrail.RECEIPTS);

            assertThat(sink.firstBreak()).isEmpty();
            assertThat(deadLettersFor(checkpoints)).hasSize(1);
        }
    }

    private static ReceiptSink startSink(String receiptTopic, Path archive) throws Exception {
        SinkSettings settings = SinkSettings.defaults(SharedKafka.bootstrapServers(), archive)
                .following(receiptTopic, RealTrail.checkpointTopicWith(List.of()), "sink-" + receiptTopic);
        return new ReceiptSink(settings).start();
    }

    private static List<DeadLetter> deadLettersFor(String topic) {
        return TopicIO.readUntil(Topics.DEAD_LETTER, rs -> rs.stream().anyMatch(r -> r.value().getTopic().equals(topic)), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).filter(letter -> letter.getTopic().equals(topic)).toList();
    }
}
