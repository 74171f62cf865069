package dev.mcpgw.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.ReceiptJson;
import dev.mcpgw.chain.ReceiptSignature;
import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.chain.StrictJsonReader;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.sink.archive.ArchiveLayout;
import dev.mcpgw.sink.archive.ArchiveVerifier.Signatures;
import dev.mcpgw.sink.archive.ArchiveVerifier;
import dev.mcpgw.testsupport.SharedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running sink archives a real trail (ten receipts of one chain, four per segment, and the
 * signed checkpoint of all ten); each test tampers with a copy of the archive the way an insider
 * with file access might, and offline verification must name the first break and where it is.
 * Segment 1 holds sequences 0-3, segment 2 4-7, segment 3 (open) 8-9. A second archive of the same
 * trail holds only the checkpoint of the first five receipts, as when the chain has grown since
 * its last checkpoint: sequences 5-9 are its tail, whose own signatures are checked.
 */
class ArchiveTamperIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StrictJsonReader<Receipt> RECEIPTS = StrictJsonReader.of(Receipt.class);
    private static Path archive;
    private static Path archiveWithTail;
    @TempDir
    Path copy;

    @BeforeAll
    static void archiveARealTrail(@TempDir Path dir, @TempDir Path dirWithTail) throws Exception {
        archive = archiveOf(dir, RealTrail.checkpoints());
        archiveWithTail = archiveOf(dirWithTail, RealTrail.halfwayCheckpoints());
    }

    private static Path archiveOf(Path dir, List<Checkpoint> checkpointed) throws Exception {
        String receipts = RealTrail.receiptTopicWith(RealTrail.receipts());
        String checkpoints = RealTrail.checkpointTopicWith(checkpointed);
        SinkSettings settings = SinkSettings.defaults(SharedKafka.bootstrapServers(), dir)
                .following(receipts, checkpoints, "sink-" + receipts).withReceiptsPerSegment(4);
        try (ReceiptSink sink = new ReceiptSink(settings).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.archivedCount() == RealTrail.RECEIPTS
                    && Files.size(dir.resolve(ArchiveLayout.CHECKPOINTS)) > 0);
        }
        assertThat(ArchiveLayout.segments(dir)).containsExactly(1L, 2L, 3L);
        return dir;
    }

    @Test
    void shouldVerifyAnUntouchedArchiveWithTheKeysItHolds() throws IOException {
        copyArchive();

        VerificationReport report = verifyCopy();

        assertThat(report.intact()).isTrue();
        assertThat(report.verified()).isEqualTo(RealTrail.RECEIPTS);
    }

    @Test
    void shouldNameTheLineOfAnEditedField() throws IOException {
        editLines(2, lines -> {
            ObjectNode receipt = parse(lines.get(1));
            ((ObjectNode) receipt.get("intent")).put("argumentsJson", "{\"path\":\"/etc/shadow\"}");
            lines.set(1, receipt.toString());
            return lines;
        });

        VerificationReport report = verifyCopy();

        assertBreak(report, "receipt hash", 5, "receipts-00000002.jsonl line 2");
    }

    @Test
    void shouldNameTheGapWhereALineWasDeleted() throws IOException {
        editLines(2, lines -> {
            lines.remove(1);
            return lines;
        });

        ChainBreak found = assertBreak(verifyCopy(), "sequence", 5, "receipts-00000002.jsonl line 2");
        assertThat(found.expected()).isEqualTo("5");
        assertThat(found.found()).isEqualTo("6");
    }

    @Test
    void shouldNameWhereLinesWereSwapped() throws IOException {
        editLines(3, lines -> {
            Collections.swap(lines, 0, 1);
            return lines;
        });

        ChainBreak found = assertBreak(verifyCopy(), "sequence", 8, "receipts-00000003.jsonl line 1");
        assertThat(found.found()).isEqualTo("9");
    }

    @Test
    void shouldNameTheLineWhoseSignatureWasForged() throws IOException {
        editLines(1, lines -> {
            ObjectNode victim = parse(lines.get(2));
            victim.put("signature", parse(lines.get(0)).get("signature").asText());
            lines.set(2, victim.toString());
            return lines;
        });

        assertBreak(verifyCopy(), "signature", 2, "receipts-00000001.jsonl line 3");
    }

    @Test
    void shouldNameATailLineWhoseSignatureWasForged() throws IOException {
        editLines(archiveWithTail, 2, lines -> {
            ObjectNode victim = parse(lines.get(3));
            victim.put("signature", parse(lines.get(0)).get("signature").asText());
            lines.set(3, victim.toString());
            return lines;
        });

        assertBreak(verifyCopy(), "signature", 7, "receipts-00000002.jsonl line 4");
    }

    @Test
    void shouldNameATailReceiptForgedAfterTheLastCheckpoint() throws IOException {
        editLines(archiveWithTail, 2, lines -> {
            lines.set(3, forged(lines.get(3), receipt -> receipt.getIntent().setArgumentsJson("{\"path\":\"/etc/shadow\"}")));
            return lines;
        });

        assertBreak(verifyCopy(), "signature", 7, "receipts-00000002.jsonl line 4");
    }

    @Test
    void shouldCatchAReceiptForgedBeforeTheCheckpointAtItsLinkToTheNextWhenTrustingCheckpoints() throws IOException {
        editLines(1, lines -> {
            lines.set(2, forged(lines.get(2), receipt -> receipt.getIntent().setArgumentsJson("{\"path\":\"/etc/shadow\"}")));
            return lines;
        });

        assertBreak(verifyCopy(Signatures.TAIL), "previous hash", 3, "receipts-00000001.jsonl line 4");
    }

    @Test
    void shouldCatchReceiptsForgedUpToTheEndByTheCheckpointHeadWhenTrustingCheckpoints() throws IOException {
        editLines(3, lines -> {
            lines.set(0, forged(lines.get(0), receipt -> receipt.setEffect(Effect.DENY)));
            String newHash = parse(lines.get(0)).get("hash").asText();
            lines.set(1, forged(lines.get(1), receipt -> receipt.setPreviousHash(newHash)));
            return lines;
        });

        assertBreak(verifyCopy(Signatures.TAIL), "checkpoint head", 9, ArchiveLayout.CHECKPOINTS);
    }

    @Test
    void shouldCatchATruncatedTailByTheSignedCheckpoint() throws IOException {
        editLines(3, lines -> lines.subList(0, 1));

        ChainBreak found = assertBreak(verifyCopy(), "checkpoint", 9, ArchiveLayout.CHECKPOINTS);
        assertThat(found.found()).isEqualTo("9 receipts: the tail is missing");
    }

    @Test
    void shouldNameADeletedSegment() throws IOException {
        copyArchive();
        Files.delete(ArchiveLayout.segment(copy, 2));

        VerificationReport report = new ArchiveVerifier(ArchiveVerifier.keysIn(copy)).verify(copy);

        assertThat(report.firstBreak()).hasValueSatisfying(b -> assertThat(b.check()).isEqualTo("segment"));
        assertThat(report.location()).isEqualTo("receipts-00000002.jsonl");
    }

    @Test
    void shouldRefuseALineCarryingAFieldTheHashDoesNotCover() throws IOException {
        editLines(1, lines -> {
            ObjectNode receipt = parse(lines.get(0));
            receipt.put("approvedBy", "cfo");
            lines.set(0, receipt.toString());
            return lines;
        });

        assertBreak(verifyCopy(), "line format", -1, "receipts-00000001.jsonl line 1");
    }

    @Test
    void shouldRefuseAnArchiveWhoseKeysWereReplacedWhenTheAuditorTrustsOnlyTheirOwn() throws IOException {
        copyArchive();

        VerificationReport report = new ArchiveVerifier(KeyRing.of(SigningKey.generate().publicKey())).verify(copy);

        assertBreak(report, "signing key", 0, "receipts-00000001.jsonl line 1");
    }

    private static ChainBreak assertBreak(VerificationReport report, String check, long sequence, String location) {
        assertThat(report.location()).isEqualTo(location);
        ChainBreak found = report.firstBreak().orElseThrow();
        assertThat(found.check()).isEqualTo(check);
        assertThat(found.sequence()).isEqualTo(sequence);
        return found;
    }

    private VerificationReport verifyCopy() throws IOException {
        return new ArchiveVerifier(ArchiveVerifier.keysIn(copy)).verify(copy);
    }

    private VerificationReport verifyCopy(Signatures signatures) throws IOException {
        return new ArchiveVerifier(ArchiveVerifier.keysIn(copy), signatures).verify(copy);
    }

    /** {@code line}'s receipt changed by {@code edit}, hashed again and signed by a stranger's key under the real key id. */
    private static String forged(String line, Consumer<Receipt> edit) {
        Receipt receipt = RECEIPTS.read(line);
        edit.accept(receipt);
        receipt.setHash(new ReceiptHasher().hash(receipt));
        receipt.setSignature(ReceiptSignature.sign(SigningKey.generate(), receipt.getHash()));
        return ReceiptJson.of(receipt, Set.of()).toString();
    }

    private void editLines(long segment, UnaryOperator<List<String>> tamper) throws IOException {
        editLines(archive, segment, tamper);
    }

    private void editLines(Path original, long segment, UnaryOperator<List<String>> tamper) throws IOException {
        copyArchive(original);
        Path file = ArchiveLayout.segment(copy, segment);
        List<String> lines = tamper.apply(new ArrayList<>(Files.readAllLines(file)));
        Files.write(file, lines);
    }

    private void copyArchive() throws IOException {
        copyArchive(archive);
    }

    private void copyArchive(Path original) throws IOException {
        try (Stream<Path> files = Files.list(original)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
    }

    private static ObjectNode parse(String line) {
        try {
            return (ObjectNode) JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
