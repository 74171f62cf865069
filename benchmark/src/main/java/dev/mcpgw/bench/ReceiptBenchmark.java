package dev.mcpgw.bench;

import dev.mcpgw.chain.ChainAppender;
import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.schemas.AgentIdentity;
import dev.mcpgw.schemas.AvroSerde;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReplyAddress;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The cost of sealing receipts (hashing, and signing on top) and the speed of verifying a long
 * trail: {@code count} receipts over 4 chains, generated, sealed and written to a file of Avro
 * records, then read back and verified (hash, signature, link), timed apart.
 * <p>
 * Usage: {@code benchmark/run receipts [count]} (default 1000000).
 */
public final class ReceiptBenchmark {
    private static final int CHAINS = 4;

    private ReceiptBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SigningKey key = SigningKey.generate();
        ReceiptHasher hasher = new ReceiptHasher();
        AvroSerde<Receipt> serde = new AvroSerde<>(Receipt.class);
        Path file = Files.createTempFile("mcpgw-receipts", ".avro");

        double hashMicros = hashOnlyMicros(hasher, Math.min(count, 200_000));
        long sealNanos = 0;
        ChainAppender appender = new ChainAppender(hasher, key);
        ChainHead[] heads = new ChainHead[CHAINS];
        for (int c = 0; c < CHAINS; c++) {
            heads[c] = ChainHead.genesis("propose-" + c);
        }
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            for (int i = 0; i < count; i++) {
                Receipt receipt = unsealed(i);
                long start = System.nanoTime();
                heads[i % CHAINS] = appender.append(heads[i % CHAINS], receipt);
                sealNanos += System.nanoTime() - start;
                byte[] bytes = serde.toBytes(receipt);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
        double sealMicros = sealNanos / 1e3 / count;

        ChainVerifier verifier = new ChainVerifier(hasher, KeyRing.of(key.publicKey()));
        long start = System.nanoTime();
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            while (true) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                if (verifier.accept(serde.fromBytes(bytes)).isPresent()) {
                    throw new IllegalStateException("the generated trail does not verify");
                }
            }
        } catch (EOFException end) {
            // The whole file was read.
        }
        double verifySeconds = (System.nanoTime() - start) / 1e9;
        long size = Files.size(file);
        Files.delete(file);

        System.out.printf("%nreceipts: %d over %d chains, %.0f MB of Avro records%n", verifier.verifiedCount(), CHAINS, size / 1e6);
        System.out.printf("%-44s %10.1f us%n", "hash one receipt (JCS + SHA-256)", hashMicros);
        System.out.printf("%-44s %10.1f us%n", "seal one receipt (hash + Ed25519 sign)", sealMicros);
        System.out.printf("%-44s %10.1f us  (%.1fx hashing)%n", "  of which signing", sealMicros - hashMicros, (sealMicros - hashMicros) / hashMicros);
        System.out.printf("%-44s %10.0f receipts/s  (%.1f s for all)%n", "verify (read, hash, signature, link)", count / verifySeconds, verifySeconds);
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
