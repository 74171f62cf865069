package dev.mcpgw.bench;

import dev.mcpgw.chain.ChainAppender;
import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.chain.CheckpointSignature;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.ReceiptSignature;
import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.schemas.AgentIdentity;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReplyAddress;
import dev.mcpgw.sink.VerificationReport;
import dev.mcpgw.sink.archive.ArchiveLayout;
import dev.mcpgw.sink.archive.ArchiveVerifier;
import dev.mcpgw.sink.archive.ReceiptArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cost of sealing receipts (hashing, and signing on top) and the speed of verifying a long
 * trail the way an auditor does: {@code count} receipts over 4 chains, generated, sealed and
 * written with the receipt sink's own archive writer (JSON Lines segments of 100,000 receipts with
 * manifests, a signed checkpoint every 1000 receipts of a chain as the stream writes them, the
 * key), then verified offline from the archive with {@code gateway audit verify --from-archive}'s
 * verifier (parse, hash, link, manifests, checkpoint signatures, the tails' own signatures), timed
 * apart. Checking every receipt's own signature too costs one Ed25519 verification each, timed
 * alone.
 * <p>
 * Usage: {@code benchmark/run receipts [count]} (default 1000000).
 */
public final class ReceiptBenchmark {
    private static final int CHAINS = 4;
    private static final int SEGMENT = 100_000;
    /** The decision stream's default: a checkpoint of a chain every 1000 of its receipts. */
    private static final int CHECKPOINT_EVERY = 1000;

    private ReceiptBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SigningKey key = SigningKey.generate();
        ReceiptHasher hasher = new ReceiptHasher();
        Path dir = Files.createTempDirectory("mcpgw-archive");

        double hashMicros = hashOnlyMicros(hasher, Math.min(count, 200_000));
        long sealNanos = 0;
        ChainAppender appender = new ChainAppender(hasher, key);
        ChainHead[] heads = new ChainHead[CHAINS];
        for (int c = 0; c < CHAINS; c++) {
            heads[c] = ChainHead.genesis("propose-" + c);
        }
        try (ReceiptArchive archive = ReceiptArchive.open(dir, SEGMENT)) {
            archive.append(key.published(0L));
            for (int i = 0; i < count; i++) {
                Receipt receipt = unsealed(i);
                long start = System.nanoTime();
                ChainHead head = appender.append(heads[i % CHAINS], receipt);
                sealNanos += System.nanoTime() - start;
                heads[i % CHAINS] = head;
                archive.append(receipt);
                if (head.nextSequence() % CHECKPOINT_EVERY == 0) {
                    archive.append(CheckpointSignature.of(head, receipt.getTime(), key));
                }
                if ((i + 1) % ReceiptArchive.MAX_BATCH == 0) {
                    archive.sync();
                }
            }
            archive.sync();
        }
        double sealMicros = sealNanos / 1e3 / count;
        long size = sizeOf(dir);

        long start = System.nanoTime();
        VerificationReport report = new ArchiveVerifier(KeyRing.of(key.publicKey()), ArchiveVerifier.Signatures.TAIL).verify(dir);
        double verifySeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        VerificationReport strict = new ArchiveVerifier(KeyRing.of(key.publicKey())).verify(dir);
        double strictSeconds = (System.nanoTime() - start) / 1e9;
        if (!report.intact() || report.verified() != count || !strict.intact() || strict.verified() != count) {
            throw new IllegalStateException("the generated archive does not verify: " + report + " / " + strict);
        }
        int segments = ArchiveLayout.segments(dir).size();
        long tail = 0;
        for (ChainHead head : heads) {
            tail += head.nextSequence() % CHECKPOINT_EVERY;
        }
        double signatureMicros = verifySignatureMicros(key, Math.min(count, 2000));
        deleteAll(dir);

        System.out.printf("%nreceipts: %d over %d chains, an archive of %d segments, %.0f MB of JSON Lines%n",
                report.verified(), CHAINS, segments, size / 1e6);
        System.out.printf("%-44s %10.1f us%n", "hash one receipt (JCS + SHA-256)", hashMicros);
        System.out.printf("%-44s %10.1f us%n", "seal one receipt (hash + Ed25519 sign)", sealMicros);
        System.out.printf("%-44s %10.1f us  (%.1fx hashing)%n", "  of which signing", sealMicros - hashMicros, (sealMicros - hashMicros) / hashMicros);
        System.out.printf("%-44s %10.1f us%n", "verify one Ed25519 signature", signatureMicros);
        System.out.printf("%-44s %10.0f receipts/s  (%.1f s for all; %d checkpoints, %d tail receipts)%n",
                "verify the archive (the default)", count / verifySeconds, verifySeconds, count / CHECKPOINT_EVERY, tail);
        System.out.printf("%-44s %10.0f receipts/s  (%.1f s for all)%n", "verify the archive, --every-signature", count / strictSeconds,
                strictSeconds);
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private static double hashOnlyMicros(ReceiptHasher hasher, int n) {
        Receipt receipt = unsealed(0);
        receipt.setChain("propose-0");
        receipt.setPreviousHash(ReceiptHasher.GENESIS_HASH);
        receipt.setKeyId("0123456789abcdef");
        for (int i = 0; i < n / 4; i++) {
            hasher.hash(receipt);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            receipt.setSequence(i);
            hasher.hash(receipt);
        }
        return (System.nanoTime() - start) / 1e3 / n;
    }

    private static double verifySignatureMicros(SigningKey key, int n) {
        String[] hashes = new String[n];
        String[] signatures = new String[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = String.format("%064x", i);
            signatures[i] = ReceiptSignature.sign(key, hashes[i]);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (!ReceiptSignature.verify(key.publicKey(), hashes[i], signatures[i])) {
                throw new IllegalStateException("a signature made here does not verify");
            }
        }
        return (System.nanoTime() - start) / 1e3 / n;
    }

    private static Receipt unsealed(int i) {
        Intent intent = Intent.newBuilder()
                .setIntentId("intent-" + i).setEventTime(1_780_000_000_000L + i)
                .setAgent(AgentIdentity.newBuilder().setId("agent-" + (i % 100)).setCredential("api-key:0123456789ab")
                        .setGroups(List.of("dev")).setAttributes(Map.of("team", "platform")).build())
                .setServer("files").setTool("read_file").setArgumentsJson("{\"path\":\"/srv/projects/report-" + i + ".txt\"}")
                .setProtocolVersion("2025-11-25").setReplyTo(new ReplyAddress("edge-1", 0)).setContext(Map.of("sourceIp", "10.0.0.7"))
                .build();
        return Receipt.newBuilder()
                .setChain("").setSequence(0).setPreviousHash("").setKeyId("").setHash("").setSignature("")
                .setIntent(intent).setPolicyVersion("5c1e".repeat(16)).setEffect(Effect.ALLOW)
                .setMatchedRules(List.of("project-files")).setReasons(List.of("allowed by rule project-files"))
                .setTime(intent.getEventTime()).build();
    }
}
