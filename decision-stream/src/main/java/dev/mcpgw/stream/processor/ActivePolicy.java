package dev.mcpgw.stream.processor;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import java.util.Arrays;
import java.util.Optional;

/**
 * The parsed form of the policy the global store holds, parsed once per distinct record. The
 * store holds only documents that loaded (see {@link PolicyRecords}); with none the caller fails closed.
 */
final class ActivePolicy {
    private final PolicyLoader loader;
    private Policy current;
    private byte[] lastRecord;

    /** {@code onePartition}: every intent is decided in this one task, so rate limits may count across agents. */
    ActivePolicy(boolean onePartition) {
        this.loader = new PolicyLoader(onePartition);
    }

    Optional<Policy> resolve(byte[] record) throws PolicyException {
        if (record != null && !Arrays.equals(record, lastRecord)) {
            current = loader.load(Topics.POLICY.valueSerde().deserializer().deserialize(Topics.POLICY.name(), record).getSource());
            lastRecord = record;
        }
        return Optional.ofNullable(current);
    }
}
