package dev.mcpgw.sink.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.SampleChains;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.sink.VerificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptArchiveTest {
    private static final List<Receipt> CHAIN = SampleChains.chain("propose-0", 6);
    @TempDir
    Path dir;

    @Test
    void shouldCloseEachSegmentWithAManifestOfItsFirstAndLastReceipt() throws IOException {
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 4)) {
            append(archive, CHAIN);
        }

        assertThat(ArchiveLayout.segments(dir)).containsExactly(1L, 2L);
        SegmentManifest manifest = new ObjectMapper().readValue(ArchiveLayout.manifest(dir, 1).toFile(), SegmentManifest.class);
        assertThat(manifest.receipts()).isEqualTo(4);
        assertThat(manifest.first().hash()).isEqualTo(CHAIN.get(0).getHash());
        assertThat(manifest.last().hash()).isEqualTo(CHAIN.get(3).getHash());
        assertThat(Files.exists(ArchiveLayout.manifest(dir, 2))).isFalse();
    }

    @Test
    void shouldRefuseASecondWriter() throws IOException {
        try (ReceiptArchive ignored = ReceiptArchive.open(dir, 4)) {
            assertThatThrownBy(() -> ReceiptArchive.open(dir, 4)).hasMessageContaining("in use by another writer");
        }
    }

    @Test
    void shouldNotAppendToASegmentClosedJustBeforeACrash() throws IOException {
        try (ReceiptArchive archive = ReceiptArchive.open(dir, 4)) {
            append(archive, CHAIN.subList(0, 4));
        }
        Files.delete(ArchiveLayout.segment(dir, 2)); // the crash came before the next segment was created

        try (ReceiptArchive archive = ReceiptArchive.open(dir, 100)) {
            append(archive, CHAIN.subList(4, 6));
        }

        VerificationReport report = new ArchiveVerifier(KeyRing.of(SampleChains.KEY.publicKey())).verify(dir);
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.verified()).isEqualTo(6);
    }

    private static void append(ReceiptArchive archive, List<Receipt> receipts) throws IOException {
        for (Receipt receipt : receipts) {
            archive.append(receipt);
        }
        archive.sync();
    }
}
