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
        try (KafkaConsumer<String, PolicyStatus> statuses = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.POLICY_STATUS.keySerde().deserializer(), Topics.POLICY_STATUS.valueSerde().deserializer())) {
            statuses.assign(List.of(STATUS));
            // From where the topic ends before publishing: any report on the new record comes after.
            statuses.seekToEnd(List.of(STATUS));
            statuses.position(STATUS, Duration.ofSeconds(15));
            String offset = Long.toString(publisher.send(policy, source));
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, PolicyStatus> record : statuses.poll(Duration.ofMillis(200))) {
                    if (offset.equals(record.key())) {
                        return Optional.of(record.value());
                    }
                }
            }
            return Optional.empty();
        }
    }
}
