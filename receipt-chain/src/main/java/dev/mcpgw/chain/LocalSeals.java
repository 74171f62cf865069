package dev.mcpgw.chain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The seals a decision stream of this process made, for a receipt sink of the same process: a
 * receipt whose hash and signature are exactly those this process sealed at its chain and sequence
 * was signed here, by this process's key (Ed25519 signatures are deterministic), so checking its
 * signature again would only spend the CPU the signing did. Anything else, including a receipt at
 * a sealed position with another hash or another signature, is verified as usual. Bounded: beyond
 * {@code capacity} the oldest seals are forgotten, and a forgotten one is simply verified; a seal is
 * recognised once.
 */
public final class LocalSeals implements SignatureCover {
    private record Seal(String hash, String signature) {
    }

    private final int capacity;
    /** In the order sealed, so that the oldest go first; the stream's thread writes, the sink's reads. */
    private final Map<String, Seal> seals;

    public LocalSeals(int capacity) {
        this.capacity = capacity;
        this.seals = Collections.synchronizedMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seal> eldest) {
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
            seals.put(position(chain, sequence), new Seal(hash, signature));
        }
    }

    @Override
    public boolean covers(String chain, long sequence, String hash, String signature) {
        Seal seal = seals.remove(position(chain, sequence));
        return seal != null && seal.hash().equals(hash) && Objects.equals(seal.signature(), signature);
    }

    private static String position(String chain, long sequence) {
        return chain + "/" + sequence;
    }
}
