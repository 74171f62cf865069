package dev.mcpgw.chain;

import dev.mcpgw.schemas.Receipt;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Checks receipts in the order they were written, each against the head of its chain: its own
 * hash, its signature (by a key of the ring), then that its sequence follows the head (a gap means
 * a receipt was removed or reordered), then that it links to the head's hash. Keeps only the heads;
 * feed it a topic or an archive. Given a {@link SignatureCover}, a covered receipt's own signature
 * is not checked (its key id must still be in the ring): the cover answers for it.
 */
public final class ChainVerifier {
    private final ReceiptHasher hasher;
    private final KeyRing keys;
    private final SignatureCover cover;
    private final Map<String, ChainHead> heads = new HashMap<>();
    private long verified;
    private ChainBreak firstBreak;

    public ChainVerifier(ReceiptHasher hasher, KeyRing keys) {
        this(hasher, keys, Map.of());
    }

    /** Continuing chains already verified up to {@code heads} (by an earlier run, say). */
    public ChainVerifier(ReceiptHasher hasher, KeyRing keys, Map<String, ChainHead> heads) {
        this(hasher, keys, heads, SignatureCover.NONE);
    }

    /** From the start of every chain, leaving the signatures of the receipts {@code cover} vouches for to it. */
    public ChainVerifier(ReceiptHasher hasher, KeyRing keys, SignatureCover cover) {
        this(hasher, keys, Map.of(), cover);
    }

    private ChainVerifier(ReceiptHasher hasher, KeyRing keys, Map<String, ChainHead> heads, SignatureCover cover) {
        this.hasher = hasher;
        this.keys = keys;
        this.cover = cover;
        this.heads.putAll(heads);
    }

    /** Verifies the next receipt; after the first break every later call returns that same break. */
    public Optional<ChainBreak> accept(Receipt receipt) {
        if (firstBreak != null) {
            return Optional.of(firstBreak);
        }
        ChainHead head = heads.getOrDefault(receipt.getChain(), ChainHead.genesis(receipt.getChain()));
        firstBreak = check(head, receipt);
        if (firstBreak != null) {
            return Optional.of(firstBreak);
        }
        heads.put(head.chain(), new ChainHead(head.chain(), receipt.getSequence() + 1, receipt.getHash()));
        verified++;
        return Optional.empty();
    }

    private ChainBreak check(ChainHead head, Receipt receipt) {
        String recomputed = hasher.hash(receipt);
        if (!recomputed.equals(receipt.getHash())) {
            return new ChainBreak(head.chain(), receipt.getSequence(), "receipt hash", recomputed, receipt.getHash());
        }
        Optional<Ed25519PublicKeyParameters> key = keys.find(receipt.getKeyId());
        if (key.isEmpty()) {
            return new ChainBreak(head.chain(), receipt.getSequence(), "signing key", "a published key", "unknown key id " + receipt.getKeyId());
        }
        if (!cover.covers(receipt.getChain(), receipt.getSequence())
                && !ReceiptSignature.verify(key.get(), receipt.getHash(), receipt.getSignature())) {
            return new ChainBreak(head.chain(), receipt.getSequence(), "signature",
                    "a valid Ed25519 signature by key " + receipt.getKeyId(), receipt.getSignature());
        }
        if (receipt.getSequence() != head.nextSequence()) {
            return new ChainBreak(head.chain(), head.nextSequence(), "sequence",
                    String.valueOf(head.nextSequence()), String.valueOf(receipt.getSequence()));
        }
        if (!head.lastHash().equals(receipt.getPreviousHash())) {
            return new ChainBreak(head.chain(), receipt.getSequence(), "previous hash", head.lastHash(), receipt.getPreviousHash());
        }
        return null;
    }

    public long verifiedCount() {
        return verified;
    }

    public Map<String, ChainHead> heads() {
        return Map.copyOf(heads);
    }
}
