package dev.mcpgw.stream.processor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The offset of the last record each poll of the decision stream's consumers handed over, per
 * partition. A record at that offset is the last one the stream has in hand for its partition:
 * once it is processed the stream has caught up there, and that is when it pays to commit. The
 * consumers write it as they poll, the processors read it on the same stream thread; a partition
 * that moves to another thread is written anew by that thread's first poll of it.
 */
public final class PolledOffsets {
    private final Map<TopicPartition, Long> lastPolled = new ConcurrentHashMap<>();

    /** A poll handed over records of {@code partition} up to {@code offset}. */
    public void polled(TopicPartition partition, long offset) {
        lastPolled.put(partition, offset);
    }

    /**
     * Whether the record at {@code offset} is the last one polled from its partition so far. A
     * partition no poll has been seen for (a test driver feeding the topology) counts as caught up.
     */
    public boolean isLastPolled(String topic, int partition, long offset) {
        Long last = lastPolled.get(new TopicPartition(topic, partition));
        return last == null || offset >= last;
    }
}
