package dev.mcpgw.stream;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.PolicyStatus;
import dev.mcpgw.stream.processor.PolicyStatusReporter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each policy status on gateway.policy-status, for whoever published the policy to learn
 * whether it is active. Sent from the global thread, so a report never blocks it for long and
 * never throws into it: a lost report costs the publisher a timeout, never a decision.
 */
final class PolicyStatusReports implements PolicyStatusReporter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyStatusReports.class);

    private final KafkaProducer<String, PolicyStatus> producer;

    PolicyStatusReports(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000),
                Topics.POLICY_STATUS.keySerde().serializer(), Topics.POLICY_STATUS.valueSerde().serializer());
    }

    @Override
    public void report(long policyOffset, String version, List<String> problems) {
        PolicyStatus status = PolicyStatus.newBuilder()
                .setPolicyOffset(policyOffset)
                .setVersion(version)
                .setActive(problems.isEmpty())
                .setProblems(List.copyOf(problems))
                .setReportedAt(System.currentTimeMillis())
                .build();
        String key = Long.toString(policyOffset);
        try {
            producer.send(new ProducerRecord<>(Topics.POLICY_STATUS.name(), key, status), (metadata, e) -> {
                if (e != null) {
                    LOG.warn("could not report the status of policy record {}: {}", key, e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("could not report the status of policy record {}: {}", key, e.toString());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
