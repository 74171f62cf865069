package dev.mcpgw.chain;

import dev.mcpgw.schemas.Receipt;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
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

    /** Continuing chains already verified up to {@code heads}, leaving the signatures of the receipts {@code cover} vouches for to it. */
    public ChainVerifier(ReceiptHasher hasher, KeyRing keys, Map<String, ChainHead> heads, SignatureCover cover) {
        this.hasher = hasher;
        this.keys = keys;
        this.cover = cover;
        this.heads.putAll(heads);
    }

    /**
     * Verifies the next receipt; after the first break every later call returns that same break.
     * Give it as its writer wrote it ({@code AvroSerde.asWritten}) to verify a receipt of a schema
     * other than this build's: its hash covers the writer's fields, which a {@link Receipt} of this
     * build's schema may lack (a newer writer's) or add to (with defaults, an older writer's).
     */
    public Optional<ChainBreak> accept(GenericRecord receipt) {
        if (firstBreak != null) {
            return Optional.of(firstBreak);
        }
        Sealed sealed = Sealed.of(receipt);
        ChainHead head = heads.getOrDefault(sealed.chain(), ChainHead.genesis(sealed.chain()));
        firstBreak = check(head, receipt, sealed);
        if (firstBreak != null) {
            return Optional.of(firstBreak);
        }
        heads.put(head.chain(), new ChainHead(head.chain(), sealed.sequence() + 1, sealed.hash()));
        verified++;
        return Optional.empty();
    }

    private ChainBreak check(ChainHead head, GenericRecord receipt, Sealed sealed) {
        String recomputed = hasher.hash(receipt);
        if (!recomputed.equals(sealed.hash())) {
            return new ChainBreak(head.chain(), sealed.sequence(), "receipt hash", recomputed, sealed.hash());
        }
        Optional<Ed25519PublicKeyParameters> key = keys.find(sealed.keyId());
        if (key.isEmpty()) {
            return new ChainBreak(head.chain(), sealed.sequence(), "signing key", "a published key", "unknown key id " + sealed.keyId());
        }
        if (!cover.covers(sealed.chain(), sealed.sequence(), sealed.hash(), sealed.signature())
                && !ReceiptSignature.verify(key.get(), sealed.hash(), sealed.signature())) {
            return new ChainBreak(head.chain(), sealed.sequence(), "signature",
                    "a valid Ed25519 signature by key " + sealed.keyId(), sealed.signature());
        }
        if (sealed.sequence() != head.nextSequence()) {
            return new ChainBreak(head.chain(), head.nextSequence(), "sequence",
                    String.valueOf(head.nextSequence()), String.valueOf(sealed.sequence()));
        }
        if (!head.lastHash().equals(sealed.previousHash())) {
            return new ChainBreak(head.chain(), sealed.sequence(), "previous hash", head.lastHash(), sealed.previousHash());
        }
        return null;
    }

    /** The fields that link and seal a receipt, which every version of its schema has. */
    private record Sealed(String chain, long sequence, String previousHash, String keyId, String hash, String signature) {
        static Sealed of(GenericRecord receipt) {
            return new Sealed(text(receipt, "chain"), (Long) receipt.get("sequence"), text(receipt, "previousHash"),
                    text(receipt, "keyId"), text(receipt, "hash"), text(receipt, "signature"));
        }

        private static String text(GenericRecord receipt, String field) {
            return receipt.get(field).toString();
        }
    }

    public long verifiedCount() {
        return verified;
    }

    public Map<String, ChainHead> heads() {
        return Map.copyOf(heads);
    }
}
