package dev.mcpgw.stream.processor;

import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.stream.topology.StoreNames;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the active policy on every instance (a global store fed from gateway.policy, also on
 * restore): a record under the active key is stored only if it is a policy document that loads.
 * Anything else there (garbage, another schema, a tombstone, a policy with errors) is reported as
 * a dead letter and leaves the policy in force, across restarts too. What became of each policy
 * document (active, or refused with its problems) is reported by its offset, for its publisher.
 */
public final class PolicyRecords implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRecords.class);

    private final PolicyLoader loader;
    private final DeadLetterReporter deadLetters;
    private final PolicyStatusReporter statuses;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> active;

    /** {@code onePartition}: every intent is decided in one task, so policies may count rate limits across agents. */
    public PolicyRecords(boolean onePartition, DeadLetterReporter deadLetters, PolicyStatusReporter statuses) {
        this.loader = new PolicyLoader(onePartition);
        this.deadLetters = deadLetters;
        this.statuses = statuses;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.active = context.getStateStore(StoreNames.ACTIVE_POLICY);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (!Topics.ACTIVE_POLICY_KEY.equals(record.key())) {
            report(record, "not under the key " + Topics.ACTIVE_POLICY_KEY);
        } else if (record.value() == null) {
            report(record, "tombstone: the policy in force stays");
        } else if (loads(record)) {
            active.put(Topics.ACTIVE_POLICY_KEY, record.value());
        }
    }

    private boolean loads(Record<String, byte[]> record) {
        PolicyDocument document;
        try {
            document = Topics.POLICY.valueSerde().deserializer().deserialize(Topics.POLICY.name(), record.value());
        } catch (SerializationException e) {
            report(record, DeadLetters.reason("unreadable", e));
            return false;
        }
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        try {
            loader.load(document.getSource());
            statuses.report(offset, document.getVersion(), List.of());
            return true;
        } catch (PolicyException e) {
            LOG.error("policy {} rejected, the policy in force stays: {}", document.getVersion(), e.getMessage());
            report(record, "policy " + document.getVersion() + " does not load: the policy in force stays");
            statuses.report(offset, document.getVersion(), e.problems());
            return false;
        } catch (RuntimeException e) {
            // This runs on the global thread, which no processing handler covers: nothing may escape it.
            report(record, DeadLetters.reason("policy " + document.getVersion() + " could not be loaded", e));
            return false;
        }
    }

    private void report(Record<String, byte[]> record, String reason) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        deadLetters.report("decision-stream", source.topic(), source.partition(), source.offset(), record.value(), reason);
    }
}
