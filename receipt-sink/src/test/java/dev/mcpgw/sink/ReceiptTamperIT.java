package dev.mcpgw.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.ReceiptSignature;
import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real receipts, written by the real decision stream, are copied to a fresh topic with one
 * tampering each; verification must name the first break exactly.
 */
class ReceiptTamperIT {
    private static final int RECEIPTS = RealTrail.RECEIPTS;

    @Test
    void shouldVerifyAnUntouchedCopy() throws Exception {
        VerificationReport report = verifyCopy(list -> list);

        assertThat(report.intact()).isTrue();
        assertThat(report.verified()).isEqualTo(RECEIPTS);
    }

    @Test
    void shouldReportFirstBrokenLinkWhenReceiptEdited() throws Exception {
        VerificationReport report = verifyCopy(list -> {
            list.get(3).getIntent().setArgumentsJson("{\"path\":\"/etc/shadow\"}");
            return list;
        });

        ChainBreak found = report.firstBreak().orElseThrow();
        assertThat(found.sequence()).isEqualTo(3);
        assertThat(found.check()).isEqualTo("receipt hash");
        assertThat(report.verified()).isEqualTo(3);
        assertThat(report.location()).endsWith(" offset 3");
    }

    @Test
    void shouldReportTheGapWhenAReceiptIsRemoved() throws Exception {
        VerificationReport report = verifyCopy(list -> {
            list.remove(2);
            return list;
        });

        assertThat(report.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(2);
            assertThat(b.expected()).isEqualTo("2");
            assertThat(b.found()).isEqualTo("3");
        });
    }

    @Test
    void shouldReportWhereReceiptsWereReordered() throws Exception {
        VerificationReport report = verifyCopy(list -> {
            Collections.swap(list, 4, 5);
            return list;
        });

        assertThat(report.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(4);
            assertThat(b.check()).isEqualTo("sequence");
        });
    }

    @Test
    void shouldReportAReceiptForgedAndResignedWithAKeyNobodyPublished() throws Exception {
        SigningKey forger = SigningKey.generate();
        VerificationReport report = verifyCopy(list -> {
            Receipt forged = list.get(2);
            forged.setReasons(List.of("allowed by rule nobody-wrote"));
            forged.setKeyId(forger.keyId());
            forged.setHash(new ReceiptHasher().hash(forged));
            forged.setSignature(ReceiptSignature.sign(forger, forged.getHash()));
            return list;
        });

        assertThat(report.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(2);
            assertThat(b.check()).isEqualTo("signing key");
        });
    }

    @Test
    void shouldReportATailCutOffBeforeTheSignedCheckpoint() throws Exception {
        VerificationReport report = verifyCopy(list -> list.subList(0, RECEIPTS - 2));

        assertThat(report.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.check()).isEqualTo("checkpoint");
            assertThat(b.sequence()).isEqualTo(RECEIPTS - 2);
            assertThat(b.found()).isEqualTo((RECEIPTS - 2) + " receipts: the tail is missing");
        });
    }

    @Test
    void shouldRaiseTheAlarmInTheRunningSinkAtTheFirstBrokenLink(@TempDir Path archive) throws Exception {
        String topic = copy(list -> {
            list.get(1).setReasons(List.of("allowed by rule nobody-wrote"));
            return list;
        });

        SinkSettings settings = SinkSettings.defaults(SharedKafka.bootstrapServers(), archive)
                .following(topic, RealTrail.checkpointTopicWith(RealTrail.checkpoints()), "sink-" + topic);
        try (ReceiptSink sink = new ReceiptSink(settings).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.firstBreak().isPresent());

            assertThat(sink.firstBreak().get().sequence()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.verifiedCount() == 1);
            assertThat(sink.archivedCount()).isEqualTo(1);
            var alerts = TopicIO.readUntil(Topics.ALERTS, rs -> rs.stream().anyMatch(r -> r.value().getTopic().equals(topic)), Duration.ofSeconds(30));
            assertThat(alerts).filteredOn(r -> r.value().getTopic().equals(topic)).singleElement()
                    .satisfies(r -> assertThat(r.value().getSequence()).isEqualTo(1))
                    .satisfies(r -> assertThat(r.value().getCheck()).isEqualTo("receipt hash"));
        }
    }

    private static VerificationReport verifyCopy(UnaryOperator<List<Receipt>> tamper) throws Exception {
        return new TopicVerifier(SharedKafka.bootstrapServers()).verify(copy(tamper), Topics.CHECKPOINT.name());
    }

    private static String copy(UnaryOperator<List<Receipt>> tamper) throws Exception {
        return RealTrail.receiptTopicWith(tamper.apply(new ArrayList<>(RealTrail.receipts())));
    }
}
