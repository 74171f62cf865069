package dev.mcpgw.launcher;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.PolicyDocument;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Lints a policy and, only if it loads cleanly, makes it the active one on gateway.policy. */
public final class PolicyPublisher {
    private final String bootstrapServers;
    private final PolicyLoader loader;
    private final Clock clock;

    /** {@code loader} checks the policy the way the decision stream will read it (same partition count). */
    public PolicyPublisher(String bootstrapServers, PolicyLoader loader, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.loader = loader;
        this.clock = clock;
    }

    /** Returns the activated policy; throws (and publishes nothing) when the policy is invalid. */
    public Policy publish(String source) throws PolicyException, ExecutionException, InterruptedException {
        Policy policy = loader.load(source);
        send(policy, source);
        return policy;
    }

    /** Publishes a policy already loaded; returns its offset on gateway.policy, by which the stream reports what became of it. */
    public long send(Policy policy, String source) throws ExecutionException, InterruptedException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (var producer = new KafkaProducer<>(config, Topics.POLICY.keySerde().serializer(), Topics.POLICY.valueSerde().serializer())) {
            var document = new PolicyDocument(policy.version(), source, clock.millis());
            return producer.send(new ProducerRecord<>(Topics.POLICY.name(), Topics.ACTIVE_POLICY_KEY, document)).get().offset();
        }
    }
}
