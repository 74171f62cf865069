package dev.mcpgw.sink;

import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.CheckpointCheck;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKeyTopic;
import dev.mcpgw.schemas.TopicConsumers;
import dev.mcpgw.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Verifies a receipt topic from its first record up to the end it has when verification starts
 * (what {@code gateway audit verify} runs), with the signing keys of the key topic or given ones.
 * Stops at the first break.
 */
public final class TopicVerifier {
    private final String bootstrapServers;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
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
                TopicConsumers.readAll(bootstrapServers, checkpointTopic, Topics.CHECKPOINT, READ_TIMEOUT), keys);
        try (KafkaConsumer<String, Receipt> consumer = TopicConsumers.fromBeginning(bootstrapServers, topic, Topics.RECEIPT)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            Optional<ChainBreak> firstBreak = Optional.empty();
            while (firstBreak.isEmpty() && !reached(consumer, end)) {
                for (ConsumerRecord<String, Receipt> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        firstBreak = verifier.accept(record.value());
                        if (firstBreak.isPresent()) {
                            break;
                        }
                        checkpoints.observe(record.value());
                    }
                }
            }
            Optional<ChainBreak> checkpointBreak = checkpoints.finish(verifier.heads());
            return new VerificationReport(verifier.verifiedCount(), verifier.heads(), firstBreak.or(() -> checkpointBreak));
        }
    }

    private static boolean reached(KafkaConsumer<String, Receipt> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
