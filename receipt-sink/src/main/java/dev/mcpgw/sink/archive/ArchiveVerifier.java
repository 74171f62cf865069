package dev.mcpgw.sink.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.CheckpointCheck;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.SignatureCover;
import dev.mcpgw.chain.StrictJsonReader;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKey;
import dev.mcpgw.sink.VerificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies a receipt archive offline ({@code gateway audit verify --from-archive}): segments
 * numbered without a gap, every line a receipt whose hash, signature, sequence and link hold, every
 * closed segment matching its manifest, and every chain reaching the latest signed checkpoint the
 * archive holds. Stops at the first break and says where it is (file and line).
 * <p>
 * Every receipt's hash is recomputed and every link checked, but signatures are checked per signed
 * checkpoint: a receipt before its chain's latest checkpoint is vouched for by that checkpoint's
 * signature through the hash links, so only the receipts after it (the tail) have their own
 * signatures checked, unless every signature is asked for.
 */
public final class ArchiveVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StrictJsonReader<Receipt> RECEIPTS = StrictJsonReader.of(Receipt.class);
    private final KeyRing keys;
    private final Signatures signatures;

    /** Which receipts have their own signatures checked. */
    public enum Signatures {
        /**
         * Those after the latest signed checkpoint of their chain; for the others the checkpoint's
         * signature answers, through the hash links, for every field but the receipt's own
         * signature, so a signature altered alone goes unreported. About ten times faster.
         */
        TAIL,
        /** Every receipt's, as a consumer checking single receipts would: one Ed25519 verification each. */
        EVERY_RECEIPT
    }

    /** Trusting {@code keys} (an auditor's own public keys), checking every receipt's signature. */
    public ArchiveVerifier(KeyRing keys) {
        this(keys, Signatures.EVERY_RECEIPT);
    }

    public ArchiveVerifier(KeyRing keys, Signatures signatures) {
        this.keys = keys;
        this.signatures = signatures;
    }

    /** The public keys the archive itself holds: convenient, but whoever can edit the archive can replace them. */
    public static KeyRing keysIn(Path dir) throws IOException {
        List<ReceiptKey> published = JsonLinesFile.records(dir.resolve(ArchiveLayout.KEYS), ReceiptKey.class);
        return KeyRing.readingFrom(() -> published);
    }

    public VerificationReport verify(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not an archive directory");
        }
        CheckpointCheck checkpoints = new CheckpointCheck(JsonLinesFile.records(dir.resolve(ArchiveLayout.CHECKPOINTS), Checkpoint.class), keys);
        SignatureCover cover = signatures == Signatures.TAIL ? checkpoints : SignatureCover.NONE;
        Run run = new Run(new ChainVerifier(new ReceiptHasher(), keys, cover), checkpoints);
        List<Long> numbers = ArchiveLayout.segments(dir);
        // A live archive may close its open segment while this runs: only segments closed now are held to a manifest.
        Set<Long> closed = new HashSet<>();
        for (long number : numbers) {
            if (Files.exists(ArchiveLayout.manifest(dir, number))) {
                closed.add(number);
            }
        }
        for (int i = 0; i < numbers.size() && run.intact(); i++) {
            long expected = i + 1;
            if (numbers.get(i) != expected) {
                Path missing = ArchiveLayout.segment(dir, expected);
                run.breakAt(new ChainBreak("*", -1, "segment", missing.getFileName().toString(), "no such file"), missing.getFileName().toString());
                break;
            }
            verifySegment(dir, numbers.get(i), i == numbers.size() - 1, closed.contains(numbers.get(i)), run);
        }
        if (run.intact()) {
            run.checkpoints.finish(run.verifier.heads()).ifPresent(b -> run.breakAt(b, ArchiveLayout.CHECKPOINTS));
        }
        return new VerificationReport(run.verifier.verifiedCount(), run.verifier.heads(), Optional.ofNullable(run.firstBreak), run.location);
    }

    private void verifySegment(Path dir, long number, boolean last, boolean closed, Run run) throws IOException {
        Path file = ArchiveLayout.segment(dir, number);
        String name = file.getFileName().toString();
        SegmentSummary summary = new SegmentSummary(number, run.verifier.heads());
        long[] lineNumber = {0};
        JsonLinesFile.readLines(file, line -> {
            lineNumber[0]++;
            if (run.intact()) {
                verifyLine(line, name + " line " + lineNumber[0], summary, run);
            }
        });
        Path manifest = ArchiveLayout.manifest(dir, number);
        if (!run.intact() || (last && !closed)) {
            return;
        }
        if (!closed) {
            run.breakAt(new ChainBreak("*", -1, "segment manifest", manifest.getFileName().toString(), "no such file"), name);
            return;
        }
        SegmentManifest written = JSON.readValue(manifest.toFile(), SegmentManifest.class);
        SegmentManifest found = summary.manifest();
        if (!written.equals(found)) {
            run.breakAt(new ChainBreak("*", -1, "segment manifest", describe(written), describe(found)), manifest.getFileName().toString());
        }
    }

    private static void verifyLine(String line, String where, SegmentSummary summary, Run run) {
        Receipt receipt;
        try {
            receipt = RECEIPTS.read(line);
        } catch (IllegalArgumentException e) {
            run.breakAt(new ChainBreak("*", -1, "line format", "a receipt as JSON", e.getMessage()), where);
            return;
        }
        Optional<ChainBreak> broken = run.verifier.accept(receipt);
        if (broken.isPresent()) {
            run.breakAt(broken.get(), where);
            return;
        }
        run.checkpoints.observe(receipt);
        summary.add(receipt.getChain(), receipt.getSequence(), receipt.getHash());
    }

    private static String describe(SegmentManifest manifest) {
        Map<String, Long> counts = new TreeMap<>();
        manifest.heads().forEach((chain, head) -> counts.put(chain, head.nextSequence()));
        return manifest.receipts() + " receipts, first " + manifest.first() + ", last " + manifest.last() + ", chain lengths " + counts;
    }

    /** The state of one verification: the chain and checkpoint checks, and the first break with where it was. */
    private static final class Run {
        final ChainVerifier verifier;
        final CheckpointCheck checkpoints;
        ChainBreak firstBreak;
        String location = "";

        Run(ChainVerifier verifier, CheckpointCheck checkpoints) {
            this.verifier = verifier;
            this.checkpoints = checkpoints;
        }

        boolean intact() {
            return firstBreak == null;
        }

        void breakAt(ChainBreak chainBreak, String where) {
            if (firstBreak == null) {
                firstBreak = chainBreak;
                location = where;
            }
        }
    }
}
