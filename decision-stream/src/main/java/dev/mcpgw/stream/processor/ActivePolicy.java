package dev.mcpgw.stream.processor;

import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.DeadLetterReporter;
import dev.mcpgw.schemas.DeadLetters;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Topics;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parsed form of the policy record on the policy topic, parsed once per distinct record. A
 * record that is not a policy document, a tombstone, or a document that does not load never
 * replaces the last good policy; with no good policy at all the caller fails closed. The global
 * table holds the record's bytes, so that no record on the policy topic can stop the stream.
 */
final class ActivePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(ActivePolicy.class);

    private final PolicyLoader loader;
    private final DeadLetterReporter deadLetters;
    private Policy current;
    private byte[] lastRecord;
    private boolean tombstoneReported;

    /** {@code onePartition}: every intent is decided in this one task, so rate limits may count across agents. */
    ActivePolicy(boolean onePartition, DeadLetterReporter deadLetters) {
        this.loader = new PolicyLoader(onePartition);
        this.deadLetters = deadLetters;
    }

    Optional<Policy> resolve(byte[] record) {
        if (record == null) {
            reportTombstone();
        } else if (!Arrays.equals(record, lastRecord)) {
            lastRecord = record;
            tombstoneReported = false;
            load(record);
        }
        return Optional.ofNullable(current);
    }

    private void load(byte[] record) {
        PolicyDocument document;
        try {
            document = Topics.POLICY.valueSerde().deserializer().deserialize(Topics.POLICY.name(), record);
        } catch (SerializationException e) {
            deadLetters.report("decision-stream", Topics.POLICY.name(), 0, -1, record, DeadLetters.reason("unreadable", e));
            return;
        }
        try {
            current = loader.load(document.getSource());
        } catch (PolicyException e) {
            LOG.error("policy {} rejected, keeping {}: {}", document.getVersion(),
                    current == null ? "none (failing closed)" : current.version(), e.getMessage());
        }
    }

    /** The active record was deleted: the policy in force stays, but a restart would find none. */
    private void reportTombstone() {
        if (current != null && !tombstoneReported) {
            tombstoneReported = true;
            lastRecord = null;
            deadLetters.report("decision-stream", Topics.POLICY.name(), 0, -1, null,
                    "tombstone: the active policy record was deleted; the policy in force stays until a restart");
        }
    }
}
