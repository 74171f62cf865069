package dev.mcpgw.sink;

import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.CheckpointCheck;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.kafka.ReceiptKeyTopic;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.kafka.WriterSchemas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a receipt topic from its first record up to the end it has when verification starts
 * (what {@code gateway audit verify} runs), with the signing keys of the key topic or given ones.
 * Each receipt is checked as its writer wrote it, resolving schemas of other builds from
 * gateway.schemas, so a trail written across upgrades verifies whole. Stops at the first break.
 */
public final class TopicVerifier {
    private final String bootstrapServers;
    private static final Duration KEYS_TIMEOUT = Duration.ofSeconds(30);
    /** A bound on reading a whole trail, generous: millions of receipts verify in minutes. */
    private static final Duration TRAIL_TIMEOUT = Duration.ofHours(6);
    private final KeyRing keys;

    /** Trusting the keys published on the key topic. */
    public TopicVerifier(String bootstrapServers) {
        this(bootstrapServers, KeyRing.readingFrom(() -> ReceiptKeyTopic.readAll(bootstrapServers)));
    }

    /** Trusting only {@code keys} (public keys the auditor holds). */
    public TopicVerifier(String bootstrapServers, KeyRing keys) {
        this.bootstrapServers = bootstrapServers;
        this.keys = keys;
    }

    /** The receipt topic {@code topic} (gateway.receipt, or a copy), held to the checkpoints on {@code checkpointTopic}. */
    public VerificationReport verify(String topic, String checkpointTopic) {
        ChainVerifier verifier = new ChainVerifier(new ReceiptHasher(), keys);
        CheckpointCheck checkpoints = new CheckpointCheck(
                TopicConsumers.readAll(bootstrapServers, checkpointTopic, Topics.CHECKPOINT, KEYS_TIMEOUT), keys);
        List<ChainBreak> broken = new ArrayList<>();
        long[] brokenAt = {-1};
        WriterSchemas.shared().follow(bootstrapServers);
        TopicConsumers.readToEnd(bootstrapServers, topic, Topics.RECEIPT_AS_WRITTEN, TRAIL_TIMEOUT, record -> {
            if (record.value() == null) {
                broken.add(new ChainBreak("unknown", -1, "readable receipt", "a receipt record", "an unreadable record or a tombstone"));
            } else {
                verifier.accept(record.value()).ifPresentOrElse(broken::add, () -> checkpoints.observe(record.value()));
            }
            brokenAt[0] = record.offset();
            return broken.isEmpty();
        });
        if (!broken.isEmpty()) {
            return new VerificationReport(verifier.verifiedCount(), verifier.heads(), Optional.of(broken.get(0)), topic + " offset " + brokenAt[0]);
        }
        Optional<ChainBreak> checkpointBreak = checkpoints.finish(verifier.heads());
        return new VerificationReport(verifier.verifiedCount(), verifier.heads(), checkpointBreak,
                checkpointBreak.isPresent() ? checkpointTopic : "");
    }
}
