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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cost of sealing receipts (hashing, and signing on top) and the speed of verifying a long
 * trail the way an auditor does: {@code count} receipts over 4 chains, generated, sealed and
 * written with the receipt sink's own archive writer (JSON Lines segments of 100,000 receipts with
 * manifests, the signed checkpoints, the key), then verified offline from the archive with
 * {@code gateway audit verify --from-archive}'s verifier (parse, hash, signature, link, manifests,
 * checkpoints), timed apart. Signing and checking one signature are also timed alone, beside the
 * JDK's own Ed25519 (which the chain used before BouncyCastle's) on the same message.
 * <p>
 * Usage: {@code benchmark/run receipts [count]} (default 1000000).
 */
public final class ReceiptBenchmark {
    private static final int CHAINS = 4;
    private static final int SEGMENT = 100_000;
    private static final int BLOCKS = 10;
    private static final int PER_BLOCK = 500;

    private ReceiptBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SigningKey key = SigningKey.generate();
        ReceiptHasher hasher = new ReceiptHasher();
        Path dir = Files.createTempDirectory("mcpgw-archive");

        double hashMicros = hashOnlyMicros(hasher, Math.min(count, 200_000));
        String hashToSign = "ab".repeat(32);
        String signature = ReceiptSignature.sign(key, hashToSign);
        JdkEd25519 jdk = new JdkEd25519(("mcpgw-receipt-sig-v1\n" + hashToSign).getBytes(StandardCharsets.US_ASCII));
        double[] signMicros = fastestMicros(() -> ReceiptSignature.sign(key, hashToSign), jdk::sign);
        double[] checkMicros = fastestMicros(() -> checked(ReceiptSignature.verify(key.publicKey(), hashToSign, signature)), () -> checked(jdk.verify()));
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
                heads[i % CHAINS] = appender.append(heads[i % CHAINS], receipt);
                sealNanos += System.nanoTime() - start;
                archive.append(receipt);
                if ((i + 1) % ReceiptArchive.MAX_BATCH == 0) {
                    archive.sync();
                }
            }
            for (ChainHead head : heads) {
                archive.append(CheckpointSignature.of(head, 0L, key));
            }
            archive.sync();
        }
        double sealMicros = sealNanos / 1e3 / count;
        long size = sizeOf(dir);

        long start = System.nanoTime();
        VerificationReport report = new ArchiveVerifier(KeyRing.of(key.publicKey())).verify(dir);
        double verifySeconds = (System.nanoTime() - start) / 1e9;
        if (!report.intact() || report.verified() != count) {
            throw new IllegalStateException("the generated archive does not verify: " + report);
        }
        int segments = ArchiveLayout.segments(dir).size();
        deleteAll(dir);

        System.out.printf("%nreceipts: %d over %d chains, an archive of %d segments, %.0f MB of JSON Lines%n",
                report.verified(), CHAINS, segments, size / 1e6);
        System.out.printf("%-44s %10.1f us%n", "hash one receipt (JCS + SHA-256)", hashMicros);
        System.out.printf("%-44s %10.1f us%n", "seal one receipt (hash + Ed25519 sign)", sealMicros);
        System.out.printf("%-44s %10.1f us  (%.1fx hashing; the JDK's: %.1f us, %.1fx)%n", "sign one receipt hash (Ed25519)",
                signMicros[0], signMicros[0] / hashMicros, signMicros[1], signMicros[1] / signMicros[0]);
        System.out.printf("%-44s %10.1f us  (the JDK's: %.1f us, %.1fx)%n", "check one receipt signature (Ed25519)",
                checkMicros[0], checkMicros[1], checkMicros[1] / checkMicros[0]);
        System.out.printf("%-44s %10.0f receipts/s  (%.1f s for all)%n", "verify the archive (parse, hash, sig, link)", count / verifySeconds, verifySeconds);
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

    /**
     * Microseconds per call of {@code ours} and of {@code jdks}: the fastest of {@code BLOCKS} blocks
     * each, the two taking turns so that the machine's noise falls on both alike, after a block each to warm up.
     */
    private static double[] fastestMicros(Runnable ours, Runnable jdks) {
        double[] fastest = {Double.MAX_VALUE, Double.MAX_VALUE};
        Runnable[] calls = {ours, jdks};
        for (int block = -1; block < BLOCKS; block++) {
            for (int side = 0; side < 2; side++) {
                long start = System.nanoTime();
                for (int i = 0; i < PER_BLOCK; i++) {
                    calls[side].run();
                }
                if (block >= 0) {
                    fastest[side] = Math.min(fastest[side], (System.nanoTime() - start) / 1e3 / PER_BLOCK);
                }
            }
        }
        return fastest;
    }

    private static void checked(boolean valid) {
        if (!valid) {
            throw new IllegalStateException("a fresh signature does not verify");
        }
    }

    /** The JDK's Ed25519 the way the chain used it, a Signature per call: the reference the chain's own is compared with. */
    private static final class JdkEd25519 {
        private final KeyPair pair;
        private final byte[] message;
        private final byte[] signature;

        JdkEd25519(byte[] message) throws GeneralSecurityException {
            this.pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            this.message = message;
            this.signature = sign();
        }

        byte[] sign() {
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initSign(pair.getPrivate());
                ed25519.update(message);
                return ed25519.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean verify() {
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initVerify(pair.getPublic());
                ed25519.update(message);
                return ed25519.verify(signature);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
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
