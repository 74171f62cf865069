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
 * rebalances (intents are partitioned by agent, so one task sees all of a per-agent counter's
 * calls; counters across agents need a single partition). Counter keys start with their window's
 * end, so windows long over are swept with one range scan, driven by the intents' event time (not
 * record timestamps or the wall clock), so a replay sweeps the same way.
 */
final class RateCounters implements RateCounts {
    /** Windows are kept this long after they end, for intents whose event time runs late. */
    static final Duration GRACE = Duration.ofHours(1);
    private static final long SWEEP_EVERY_MS = Duration.ofMinutes(1).toMillis();

    private final KeyValueStore<String, Long> store;
    private long lastSweep = Long.MIN_VALUE;

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

    /** At most once a minute of event time: deletes the counters of windows that ended more than {@link #GRACE} before {@code eventTime}. */
    void sweepBefore(long eventTime) {
        if (lastSweep != Long.MIN_VALUE && eventTime - lastSweep < SWEEP_EVERY_MS) {
            return;
        }
        lastSweep = eventTime;
        String cutoff = String.format("%019d", Math.max(0, eventTime - GRACE.toMillis()));
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> old = store.range(null, cutoff)) {
            old.forEachRemaining((KeyValue<String, Long> kv) -> expired.add(kv.key));
        }
        expired.forEach(store::delete);
    }
}
