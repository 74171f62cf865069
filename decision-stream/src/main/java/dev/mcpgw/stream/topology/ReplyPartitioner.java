package dev.mcpgw.stream.topology;

import dev.mcpgw.schemas.Decision;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Sends each decision to the gateway.decide partition that the asking edge instance reads. */
final class ReplyPartitioner implements StreamPartitioner<String, Decision> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, Decision decision, int numPartitions) {
        return Optional.of(Set.of(Math.floorMod(decision.getReplyTo().getPartition(), numPartitions)));
    }
}
