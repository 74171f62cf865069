package dev.mcpgw.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.ReceiptSignature;
import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.Topic;
import dev.mcpgw.schemas.TopicProvisioner;
import dev.mcpgw.schemas.Topics;
import dev.mcpgw.stream.DecisionStreamApp;
import dev.mcpgw.stream.topology.ChainSettings;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real receipts, written by the real decision stream, are copied to a fresh topic with one
 * tampering each; verification must name the first break exactly.
 */
class ReceiptTamperIT {
    private static final int RECEIPTS = 6;
    private static List<Receipt> original;

    @BeforeAll
    static void produceRealReceipts(@TempDir Path stateDir) throws Exception {
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("v", "default: allow", 0L), 0L);
        var settings = DecisionStreamApp.Settings.defaults(SharedKafka.bootstrapServers(), stateDir);
        // One checkpoint, when the chain holds all the receipts.
        settings = settings.withChain(new ChainSettings(settings.chain().signingKey(), RECEIPTS, Duration.ofHours(1)));
        try (var stream = new DecisionStreamApp(settings)) {
            stream.start();
            await().atMost(Duration.ofSeconds(60)).until(stream::isRunning);
            for (int i = 0; i < RECEIPTS; i++) {
                TopicIO.write(Topics.PROPOSE, "auditor-test-agent", intent(i), 1000L + i);
            }
            List<ConsumerRecord<String, Receipt>> records = TopicIO.readUntil(Topics.RECEIPT, rs -> rs.size() >= RECEIPTS, Duration.ofSeconds(60));
            original = records.stream().map(ConsumerRecord::value).toList();
            TopicIO.readUntil(Topics.CHECKPOINT, cs -> cs.stream().anyMatch(c -> c.value().getCount() == RECEIPTS), Duration.ofSeconds(30));
        }
        assertThat(original).hasSize(RECEIPTS);
        assertThat(original).extracting(Receipt::getChain).containsOnly(original.get(0).getChain());
    }

    @Test
    void shouldVerifyAnUntouchedCopy() {
        VerificationReport report = verifyCopy(list -> list);

        assertThat(report.intact()).isTrue();
        assertThat(report.verified()).isEqualTo(RECEIPTS);
    }

    @Test
    void shouldReportFirstBrokenLinkWhenReceiptEdited() {
        VerificationReport report = verifyCopy(list -> {
            list.get(3).getIntent().setArgumentsJson("{\"path\":\"/etc/shadow\"}");
            return list;
        });

        ChainBreak found = report.firstBreak().orElseThrow();
        assertThat(found.sequence()).isEqualTo(3);
        assertThat(found.check()).isEqualTo("receipt hash");
        assertThat(report.verified()).isEqualTo(3);
    }

    @Test
    void shouldReportTheGapWhenAReceiptIsRemoved() {
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
    void shouldReportWhereReceiptsWereReordered() {
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
    void shouldReportAReceiptForgedAndResignedWithAKeyNobodyPublished() {
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
    void shouldReportATailCutOffBeforeTheSignedCheckpoint() {
        VerificationReport report = verifyCopy(list -> list.subList(0, RECEIPTS - 2));

        assertThat(report.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.check()).isEqualTo("checkpoint");
            assertThat(b.sequence()).isEqualTo(RECEIPTS - 2);
            assertThat(b.found()).isEqualTo((RECEIPTS - 2) + " receipts: the tail is missing");
        });
    }

    @Test
    void shouldRaiseTheAlarmInTheRunningSinkAtTheFirstBrokenLink() throws Exception {
        String topic = copy(list -> {
            list.get(1).setReasons(List.of("allowed by rule nobody-wrote"));
            return list;
        });

        try (ReceiptSink sink = new ReceiptSink(SharedKafka.bootstrapServers(), topic).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.firstBreak().isPresent());

            assertThat(sink.firstBreak().get().sequence()).isEqualTo(1);
            assertThat(sink.verifiedCount()).isEqualTo(1);
            var alerts = TopicIO.readUntil(Topics.ALERTS, rs -> rs.stream().anyMatch(r -> r.value().getTopic().equals(topic)), Duration.ofSeconds(30));
            assertThat(alerts).filteredOn(r -> r.value().getTopic().equals(topic)).singleElement()
                    .satisfies(r -> assertThat(r.value().getSequence()).isEqualTo(1))
                    .satisfies(r -> assertThat(r.value().getCheck()).isEqualTo("receipt hash"));
        }
    }

    private static VerificationReport verifyCopy(UnaryOperator<List<Receipt>> tamper) {
        return new TopicVerifier(SharedKafka.bootstrapServers()).verify(copy(tamper), Topics.CHECKPOINT.name());
    }

    /** Writes a deep copy of the original receipts, tampered, to a new topic configured like the real one. */
    private static String copy(UnaryOperator<List<Receipt>> tamper) {
        var target = new Topic<>("receipt-copy-" + UUID.randomUUID(), Topics.RECEIPT.keySerde(), Topics.RECEIPT.valueSerde(),
                1, Topics.RECEIPT.config());
        try (Admin admin = SharedKafka.admin()) {
            new TopicProvisioner(admin).ensure(List.of(target));
        }
        List<Receipt> copies = new ArrayList<>(original.stream().map(r -> Receipt.newBuilder(r).build()).toList());
        for (Receipt receipt : tamper.apply(copies)) {
            TopicIO.write(target, receipt.getChain() + "/" + receipt.getSequence(), receipt, receipt.getTime());
        }
        return target.name();
    }

    private static Intent intent(int i) {
        return SampleIntents.intent().setEventTime(1000L + i).setAgent(SampleIntents.agent("auditor-test-agent"))
                .setServer("files").setTool("read_file").setArgumentsJson("{\"path\":\"/tmp/" + i + "\"}").build();
    }
}
