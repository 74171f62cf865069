package dev.mcpgw.chain;

import dev.mcpgw.schemas.Checkpoint;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Holds a receipt trail to the checkpoints signed for it. Every checkpoint's signature must hold;
 * the receipt at each checkpoint's head must have the hash it names; and each chain must reach its
 * latest checkpoint: a chain that ends before it has lost its tail, which links and sequences alone
 * cannot show. Since it holds the trail to those heads, a checkpoint whose signature holds vouches
 * for every receipt before it ({@link #covers}); that is sound only when every receipt is
 * {@link #observe observed} and the check {@link #finish finished}.
 */
public final class CheckpointCheck implements SignatureCover {
    private final Map<String, Map<Long, Checkpoint>> byChainAndCount = new HashMap<>();
    private final Map<String, Long> signedCounts = new HashMap<>();
    private ChainBreak firstBreak;

    /** Checks the signatures of {@code checkpoints} at once; a bad one is the first break. */
    public CheckpointCheck(Collection<Checkpoint> checkpoints, KeyRing keys) {
        for (Checkpoint checkpoint : checkpoints) {
            Optional<Ed25519PublicKeyParameters> key = keys.find(checkpoint.getKeyId());
            if (key.isEmpty() || !CheckpointSignature.verify(key.get(), checkpoint)) {
                breakAt(new ChainBreak(checkpoint.getChain(), checkpoint.getCount() - 1, "checkpoint signature",
                        "a valid Ed25519 signature by a published key", "key " + checkpoint.getKeyId() + ", signature " + checkpoint.getSignature()));
            } else {
                signedCounts.merge(checkpoint.getChain(), checkpoint.getCount(), Math::max);
            }
            byChainAndCount.computeIfAbsent(checkpoint.getChain(), c -> new HashMap<>()).put(checkpoint.getCount(), checkpoint);
        }
    }

    /**
     * True for a receipt before the latest checkpoint of its chain whose signature holds, whatever
     * its hash and signature: the links to the checkpoint's head answer for the hash, and the
     * receipt's own signature field is what a checkpoint cannot vouch for.
     */
    @Override
    public boolean covers(String chain, long sequence, String hash, String signature) {
        Long signed = signedCounts.get(chain);
        return signed != null && sequence < signed;
    }

    /** A receipt that verified: if a checkpoint names it as head, the hashes must agree. */
    public void observe(GenericRecord receipt) {
        String chain = receipt.get("chain").toString();
        long sequence = (Long) receipt.get("sequence");
        String hash = receipt.get("hash").toString();
        Checkpoint checkpoint = byChainAndCount.getOrDefault(chain, Map.of()).get(sequence + 1);
        if (checkpoint != null && !checkpoint.getHeadHash().equals(hash)) {
            breakAt(new ChainBreak(chain, sequence, "checkpoint head", checkpoint.getHeadHash(), hash));
        }
    }

    /** After the whole trail: every chain must reach its latest checkpoint. */
    public Optional<ChainBreak> finish(Map<String, ChainHead> heads) {
        for (Map.Entry<String, Map<Long, Checkpoint>> chain : byChainAndCount.entrySet()) {
            long promised = chain.getValue().keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            long found = heads.containsKey(chain.getKey()) ? heads.get(chain.getKey()).nextSequence() : 0;
            if (found < promised) {
                breakAt(new ChainBreak(chain.getKey(), found, "checkpoint",
                        promised + " receipts (signed checkpoint)", found + " receipts: the tail is missing"));
            }
        }
        return Optional.ofNullable(firstBreak);
    }

    private void breakAt(ChainBreak chainBreak) {
        if (firstBreak == null) {
            firstBreak = chainBreak;
        }
    }
}
