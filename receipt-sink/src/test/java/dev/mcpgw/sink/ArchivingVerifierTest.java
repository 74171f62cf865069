package dev.mcpgw.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.chain.CheckpointSignature;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.LocalSeals;
import dev.mcpgw.chain.SampleChains;
import dev.mcpgw.chain.SignatureCover;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.sink.archive.ArchiveLayout;
import dev.mcpgw.sink.archive.ArchiveVerifier;
import dev.mcpgw.sink.archive.ReceiptArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivingVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Receipt> CHAIN = SampleChains.chain("propose-0", 10);
    private final List<ChainBreak> alarms = new ArrayList<>();
    @TempDir
    Path dir;

    @Test
    void shouldArchiveEveryVerifiedReceiptInOrder() throws IOException {
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 4)) {
            ArchivingVerifier sink = sink(archive);
            feed(sink, 0, CHAIN);
            archive.sync();

            assertThat(sink.archivedCount()).isEqualTo(10);
            assertThat(sink.receiptPosition()).isEqualTo(10);
        }
        assertThat(archivedSequences()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void shouldSpendTheSealsOfThisProcessOnTheReceiptsItSealed() throws IOException {
        LocalSeals seals = new LocalSeals(100);
        List<Receipt> sealedHere = SampleChains.chain("propose-1", 3, seals);
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 100)) {
            ArchivingVerifier sink = new ArchivingVerifier(archive, KeyRing.of(SampleChains.KEY.publicKey()), seals,
                    keyId -> Optional.of(SampleChains.KEY.published(0L)), (offset, chainBreak) -> alarms.add(chainBreak), receipt -> { });
            feed(sink, 0, sealedHere);

            assertThat(sink.archivedCount()).isEqualTo(3);
        }
        Receipt first = sealedHere.get(0);
        assertThat(seals.covers(first.getChain(), first.getSequence(), first.getHash(), first.getSignature())).isFalse();
        assertThat(alarms).isEmpty();
    }

    @Test
    void shouldNotArchiveAgainABatchDeliveredAgainAfterARestart() throws IOException {
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 100)) {
            feed(sink(archive), 0, CHAIN.subList(0, 6));
            archive.sync(); // the crash comes before the offsets are committed
        }
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 100)) {
            ArchivingVerifier sink = sink(archive);
            feed(sink, 0, CHAIN);
            archive.sync();

            assertThat(sink.archivedCount()).isEqualTo(4);
            assertThat(sink.receiptPosition()).isEqualTo(10);
        }
        assertThat(alarms).isEmpty();
        assertThat(archivedSequences()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void shouldRecogniseARedeliveredBatchThatEndsInAJustClosedSegment() throws IOException {
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 6)) {
            feed(sink(archive), 0, CHAIN.subList(0, 6));
            archive.sync(); // segment 1 was closed by its sixth receipt, segment 2 is open and empty
        }
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 6)) {
            ArchivingVerifier sink = sink(archive);
            feed(sink, 0, CHAIN);
            archive.sync();

            assertThat(sink.archivedCount()).isEqualTo(4);
        }
        assertThat(archivedSequences()).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void shouldContinueTheChainFromTheArchivedHeadAfterARestart() throws IOException {
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 4)) {
            feed(sink(archive), 0, CHAIN.subList(0, 5));
            archive.sync();
        }
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 4)) {
            assertThat(archive.heads().get("propose-0")).isEqualTo(new ChainHead("propose-0", 5, CHAIN.get(4).getHash()));
            feed(sink(archive), 5, CHAIN.subList(6, 10));
        }
        assertThat(alarms).singleElement().satisfies(b -> {
            assertThat(b.check()).isEqualTo("sequence");
            assertThat(b.expected()).isEqualTo("5");
            assertThat(b.found()).isEqualTo("6");
        });
    }

    @Test
    void shouldCutAnUnfinishedLineLeftByACrashMidWrite() throws IOException {
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 100)) {
            feed(sink(archive), 0, CHAIN.subList(0, 3));
            archive.sync();
        }
        Files.writeString(ArchiveLayout.segment(dir, 1), "{\"chain\":\"propose-0\",\"seq", StandardOpenOption.APPEND);
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 100)) {
            feed(sink(archive), 3, CHAIN.subList(3, 10));
            archive.sync();
        }
        assertThat(alarms).isEmpty();
        assertThat(report().intact()).isTrue();
        assertThat(report().verified()).isEqualTo(10);
    }

    @Test
    void shouldArchiveACheckpointOnlyOnceTheArchivedChainReachesIt() throws IOException {
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 100)) {
            ArchivingVerifier sink = sink(archive);
            sink.checkpoint(0, checkpointAt(8));
            feed(sink, 0, CHAIN.subList(0, 5));

            assertThat(archive.checkpointedCount("propose-0")).isZero();
            assertThat(sink.checkpointPosition()).isZero();

            feed(sink, 5, CHAIN.subList(5, 8));

            assertThat(archive.checkpointedCount("propose-0")).isEqualTo(8);
            assertThat(sink.checkpointPosition()).isEqualTo(1);
        }
    }

    @Test
    void shouldArchiveNothingAfterTheFirstBreak() throws IOException {
        List<Receipt> tampered = new ArrayList<>(CHAIN);
        tampered.set(4, Receipt.newBuilder(CHAIN.get(4)).setReasons(List.of("allowed after all")).build());
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 100)) {
            ArchivingVerifier sink = sink(archive);
            feed(sink, 0, tampered);
            archive.sync();

            assertThat(sink.archivedCount()).isEqualTo(4);
            assertThat(sink.receiptPosition()).isEqualTo(4);
        }
        assertThat(alarms).singleElement().satisfies(b -> assertThat(b.check()).isEqualTo("receipt hash"));
        assertThat(archivedSequences()).containsExactly(0L, 1L, 2L, 3L);
    }

    private Checkpoint checkpointAt(int count) {
        return CheckpointSignature.of(new ChainHead("propose-0", count, CHAIN.get(count - 1).getHash()), 0, SampleChains.KEY);
    }

    private ArchivingVerifier sink(ReceiptArchive archive) {
        return new ArchivingVerifier(archive, KeyRing.of(SampleChains.KEY.publicKey()), SignatureCover.NONE,
                keyId -> Optional.of(SampleChains.KEY.published(0L)), (offset, chainBreak) -> alarms.add(chainBreak), receipt -> { });
    }

    private static void feed(ArchivingVerifier sink, long firstOffset, List<Receipt> receipts) throws IOException {
        for (int i = 0; i < receipts.size(); i++) {
            sink.receipt(firstOffset + i, receipts.get(i), receipts.get(i));
        }
    }

    private VerificationReport report() throws IOException {
        return new ArchiveVerifier(KeyRing.of(SampleChains.KEY.publicKey())).verify(dir);
    }

    private List<Long> archivedSequences() throws IOException {
        List<Long> sequences = new ArrayList<>();
        for (long segment : ArchiveLayout.segments(dir)) {
            for (String line : Files.readAllLines(ArchiveLayout.segment(dir, segment))) {
                sequences.add(JSON.readTree(line).get("sequence").asLong());
            }
        }
        return sequences;
    }
}
