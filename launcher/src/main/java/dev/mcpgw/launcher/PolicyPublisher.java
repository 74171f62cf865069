package dev.mcpgw.launcher;

import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Topics;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Lints a policy and, only if it loads cleanly, makes it the active one on gateway.policy. */
public final class PolicyPublisher {
    private final String bootstrapServers;
    private final Clock clock;

    public PolicyPublisher(String bootstrapServers, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
    }

    /** Returns the activated policy; throws (and publishes nothing) when the policy is invalid. */
    public Policy publish(String source) throws PolicyException, ExecutionException, InterruptedException {
        Policy policy = new PolicyLoader().load(source);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, Topics.POLICY.keySerde().serializer(), Topics.POLICY.valueSerde().serializer())) {
            var document = new PolicyDocument(policy.version(), source, clock.millis());
            producer.send(new ProducerRecord<>(Topics.POLICY.name(), Topics.ACTIVE_POLICY_KEY, document)).get();
        }
        return policy;
    }
}
