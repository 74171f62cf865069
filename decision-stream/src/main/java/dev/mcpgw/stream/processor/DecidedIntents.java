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

/**
 * The decision receipts of one chain that an outcome may still follow, in a changelogged store
 * keyed by their place in the chain. An outcome receipt is built from the decision receipt kept
 * here (its redacted intent, its rules), never from what the edge reports, and each decision is
 * followed by one outcome at most. Keys sort by sequence, and sequences grow with event time, so
 * old entries are swept from the front (an edge whose clock runs behind may leave a few a little
 * longer).
 */
final class DecidedIntents {
    private final KeyValueStore<String, Receipt> store;
    private final long window;
    private long lastSweep = Long.MIN_VALUE;

    /** Outcomes are taken for {@code window} of event time after their decision. */
    DecidedIntents(KeyValueStore<String, Receipt> store, Duration window) {
        this.store = store;
        this.window = window.toMillis();
    }

    /**
     * Keeps {@code decision} for its outcome; now and then (every tenth of the window, in the
     * decisions' event time, so that a replay sweeps alike) forgets those too old to be followed.
     */
    void remember(Receipt decision) {
        store.put(ChainProcessor.receiptKey(decision), decision);
        if (lastSweep == Long.MIN_VALUE || decision.getTime() - lastSweep >= window / 10) {
            lastSweep = decision.getTime();
            forgetBefore(decision.getTime() - window);
        }
    }

    /**
     * The decision receipt at {@code ref}, if it is kept, has that hash and {@code mayFollow} it;
     * it is then no longer kept. An outcome that may not follow it leaves it for the one that may.
     */
    Optional<Receipt> take(ReceiptRef ref, Predicate<Receipt> mayFollow) {
        String key = ChainProcessor.receiptKey(ref.getChain(), ref.getSequence());
        Optional<Receipt> decision = Optional.ofNullable(store.get(key))
                .filter(d -> d.getHash().equals(ref.getHash()))
                .filter(mayFollow);
        decision.ifPresent(d -> store.delete(key));
        return decision;
    }

    private void forgetBefore(long time) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Receipt> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Receipt> next = all.next();
                if (next.value.getTime() >= time) {
                    break;
                }
                old.add(next.key);
            }
        }
        old.forEach(store::delete);
    }
}
