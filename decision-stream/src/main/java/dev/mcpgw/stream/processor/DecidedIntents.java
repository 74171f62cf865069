package dev.mcpgw.stream.processor;

import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The decision receipts of one chain that an outcome may still follow, in a changelogged store
 * keyed by their place in the chain. An outcome receipt is built from the decision receipt kept
 * here (its redacted intent, its rules), never from what the edge reports, and each decision is
 * followed by one outcome at most. Each entry is stamped with its propose record's timestamp, which
 * the broker sets (LogAppendTime) and which grows with the sequence, so old entries are swept from
 * the front by a clock no edge controls, and a replay of the topic sweeps alike.
 */
final class DecidedIntents {
    private final KeyValueStore<String, ValueAndTimestamp<Receipt>> store;
    private final long window;
    private long lastSweep = Long.MIN_VALUE;

    /** Outcomes are taken for {@code window} after their decision's propose record reached the broker. */
    DecidedIntents(KeyValueStore<String, ValueAndTimestamp<Receipt>> store, Duration window) {
        this.store = store;
        this.window = window.toMillis();
    }

    /**
     * Keeps {@code decision}, whose propose record has the broker's timestamp {@code recordTime},
     * for its outcome; every tenth of the window forgets those too old to be followed.
     */
    void remember(Receipt decision, long recordTime) {
        store.put(ChainProcessor.receiptKey(decision), ValueAndTimestamp.make(decision, recordTime));
        if (lastSweep == Long.MIN_VALUE || recordTime - lastSweep >= window / 10) {
            lastSweep = Math.max(lastSweep, recordTime);
            forgetBefore(recordTime - window);
        }
    }

    /**
     * The decision receipt at {@code ref}, if it is kept, has that hash and {@code mayFollow} it;
     * it is then no longer kept. An outcome that may not follow it leaves it for the one that may.
     */
    Optional<Receipt> take(ReceiptRef ref, Predicate<Receipt> mayFollow) {
        String key = ChainProcessor.receiptKey(ref.getChain(), ref.getSequence());
        Optional<Receipt> decision = Optional.ofNullable(ValueAndTimestamp.getValueOrNull(store.get(key)))
                .filter(d -> d.getHash().equals(ref.getHash()))
                .filter(mayFollow);
        decision.ifPresent(d -> store.delete(key));
        return decision;
    }

    private void forgetBefore(long time) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Receipt>> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<Receipt>> next = all.next();
                if (next.value.timestamp() >= time) {
                    break;
                }
                old.add(next.key);
            }
        }
        old.forEach(store::delete);
    }
}
