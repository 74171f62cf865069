package dev.mcpgw.chain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seals a decision stream of this process made, for a receipt sink of the same process: a
 * receipt whose recomputed hash and whose signature are exactly those this process sealed at its
 * chain and sequence carries a signature this process made over that hash with its own key (the
 * hash covers the key id, which the key ring binds to the key), so checking it again would only
 * spend the CPU the signing did. Anything else, including a receipt at a sealed position with
 * another hash or another signature, is verified as usual. Bounded: beyond {@code capacity} the
 * oldest seals are forgotten, and a forgotten one is simply verified; a seal is recognised once.
 */
public final class LocalSeals implements SignatureCover {
    private record Position(String chain, long sequence) {
    }

    private record Seal(String hash, String signature) {
    }

    private final int capacity;
    /** In the order sealed, so that the oldest go first; stream threads add, the sink's thread takes. */
    private final Map<Position, Seal> seals;

    public LocalSeals(int capacity) {
        this.capacity = capacity;
        this.seals = Collections.synchronizedMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Position, Seal> eldest) {
                return size() > capacity;
            }
        });
    }

    /** Remembers nothing: every receipt is verified (a stream and a sink in different processes). */
    public static LocalSeals none() {
        return new LocalSeals(0);
    }

    /** Called by the appender for each receipt it seals. */
    public void sealed(String chain, long sequence, String hash, String signature) {
        if (capacity > 0) {
            seals.put(new Position(chain, sequence), new Seal(hash, signature));
        }
    }

    @Override
    public boolean covers(String chain, long sequence, String hash, String signature) {
        return new Seal(hash, signature).equals(seals.remove(new Position(chain, sequence)));
    }
}
