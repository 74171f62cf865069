package dev.mcpgw.stream.processor;

import dev.mcpgw.policy.ratelimit.RateCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Rate limit counts in a changelogged state store, so they hold exactly across restarts and
 * rebalances (intents are partitioned by agent, so one task sees all of a per-agent counter's
 * calls; counters across agents need a single partition). Counter keys start with their window's
 * end, so windows long over are swept with one range scan, driven by the intents' event time (not
 * record timestamps or the wall clock), so a replay sweeps the same way. A what-if replay keeps
 * its counts in memory, counted by this same class.
 */
public final class RateCounters implements RateCounts {
    /** Windows are kept this long after they end, for intents whose event time runs late. */
    static final Duration GRACE = Duration.ofHours(1);
    private static final long SWEEP_EVERY_MS = Duration.ofMinutes(1).toMillis();

    /** Where the counts live: the stream's state store, or a map for a replay. */
    private interface Counts {
        Long get(String key);

        void put(String key, long count);

        void delete(String key);

        /** Keys up to and including {@code last}, in order. */
        List<String> keysUpTo(String last);
    }

    private final Counts counts;
    private long lastSweep = Long.MIN_VALUE;

    private RateCounters(Counts counts) {
        this.counts = counts;
    }

    static RateCounters in(KeyValueStore<String, Long> store) {
        return new RateCounters(new Counts() {
            @Override
            public Long get(String key) {
                return store.get(key);
            }

            @Override
            public void put(String key, long count) {
                store.put(key, count);
            }

            @Override
            public void delete(String key) {
                store.delete(key);
            }

            @Override
            public List<String> keysUpTo(String last) {
                List<String> keys = new ArrayList<>();
                try (KeyValueIterator<String, Long> old = store.range(null, last)) {
                    old.forEachRemaining((KeyValue<String, Long> kv) -> keys.add(kv.key));
                }
                return keys;
            }
        });
    }

    /** Counts kept in memory, starting from none: for replaying one partition's history. */
    public static RateCounters inMemory() {
        NavigableMap<String, Long> map = new TreeMap<>();
        return new RateCounters(new Counts() {
            @Override
            public Long get(String key) {
                return map.get(key);
            }

            @Override
            public void put(String key, long count) {
                map.put(key, count);
            }

            @Override
            public void delete(String key) {
                map.remove(key);
            }

            @Override
            public List<String> keysUpTo(String last) {
                return List.copyOf(map.headMap(last, true).keySet());
            }
        });
    }

    @Override
    public long count(String counterKey) {
        Long count = counts.get(counterKey);
        return count == null ? 0 : count;
    }

    void countCall(List<String> counterKeys) {
        counterKeys.forEach(key -> counts.put(key, count(key) + 1));
    }

    /** At most once a minute of event time: deletes the counters of windows that ended more than {@link #GRACE} before {@code eventTime}. */
    void sweepBefore(long eventTime) {
        if (lastSweep != Long.MIN_VALUE && eventTime - lastSweep < SWEEP_EVERY_MS) {
            return;
        }
        lastSweep = eventTime;
        counts.keysUpTo(String.format("%019d", Math.max(0, eventTime - GRACE.toMillis()))).forEach(counts::delete);
    }
}
