package dev.mcpgw.launcher;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.PolicyStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Publishes a policy that linted cleanly to a running gateway and waits for its decision stream to
 * report what became of it on gateway.policy-status: active, or refused with the problems it found.
 */
public final class PolicyActivation {
    private static final TopicPartition STATUS = new TopicPartition(Topics.POLICY_STATUS.name(), 0);

    private final String bootstrapServers;
    private final PolicyPublisher publisher;

    public PolicyActivation(String bootstrapServers, PolicyPublisher publisher) {
        this.bootstrapServers = bootstrapServers;
        this.publisher = publisher;
    }

    /** The stream's report on the published policy, or empty when none came within {@code wait}. */
    public Optional<PolicyStatus> publishAndAwait(Policy policy, String source, Duration wait) throws ExecutionException, InterruptedException {
        // Values are read as bytes and decoded here, so a record that is no status is stepped over, not fatal.
        try (KafkaConsumer<String, byte[]> statuses = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.POLICY_STATUS.keySerde().deserializer(), new ByteArrayDeserializer())) {
            statuses.assign(List.of(STATUS));
            // From where the topic ends before publishing: any report on the new record comes after.
            statuses.seekToEnd(List.of(STATUS));
            statuses.position(STATUS, Duration.ofSeconds(15));
            String offset = Long.toString(publisher.send(policy, source));
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : statuses.poll(Duration.ofMillis(200))) {
                    Optional<PolicyStatus> status = offset.equals(record.key()) ? readable(record.value()) : Optional.empty();
                    if (status.isPresent()) {
                        return status;
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<PolicyStatus> readable(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Topics.POLICY_STATUS.valueSerde().deserializer().deserialize(Topics.POLICY_STATUS.name(), value));
        } catch (SerializationException e) {
            return Optional.empty();
        }
    }
}
