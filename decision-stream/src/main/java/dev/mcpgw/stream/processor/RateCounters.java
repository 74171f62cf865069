package dev.mcpgw.stream.processor;

import dev.mcpgw.policy.ratelimit.RateCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Rate limit counts in a changelogged state store, so they hold exactly across restarts and
 * rebalances (intents are partitioned by agent, and every limit counts per agent, so one task sees
 * all of a counter's calls). Counter keys start with their window's end, so windows long over are
 * swept with one range scan.
 */
final class RateCounters implements RateCounts {
    /** Windows are kept this long after they end, for intents whose event time runs late. */
    static final Duration GRACE = Duration.ofHours(1);

    private final KeyValueStore<String, Long> store;

    RateCounters(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    @Override
    public long count(String counterKey) {
        Long count = store.get(counterKey);
        return count == null ? 0 : count;
    }

    void countCall(List<String> counterKeys) {
        counterKeys.forEach(key -> store.put(key, count(key) + 1));
    }

    /** Deletes the counters of windows that ended more than {@link #GRACE} before {@code streamTimeMillis}. */
    void sweep(long streamTimeMillis) {
        String cutoff = String.format("%019d", Math.max(0, streamTimeMillis - GRACE.toMillis()));
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> old = store.range(null, cutoff)) {
            old.forEachRemaining((KeyValue<String, Long> kv) -> expired.add(kv.key));
        }
        expired.forEach(store::delete);
    }
}
