package dev.mcpgw.chain;

import dev.mcpgw.schemas.Receipt;

/** Links a new receipt to the head of its chain and seals it: chain, sequence, previous hash, key id, hash, signature. */
public final class ChainAppender {
    private final ReceiptHasher hasher;
    private final SigningKey key;
    private final LocalSeals seals;

    public ChainAppender(ReceiptHasher hasher, SigningKey key) {
        this(hasher, key, LocalSeals.none());
    }

    /** An appender that tells {@code seals} of each receipt it seals. */
    public ChainAppender(ReceiptHasher hasher, SigningKey key, LocalSeals seals) {
        this.hasher = hasher;
        this.key = key;
        this.seals = seals;
    }

    /** Completes {@code unlinked} in place (its chain fields are overwritten) and returns the new head. */
    public ChainHead append(ChainHead head, Receipt unlinked) {
        unlinked.setChain(head.chain());
        unlinked.setSequence(head.nextSequence());
        unlinked.setPreviousHash(head.lastHash());
        unlinked.setKeyId(key.keyId());
        unlinked.setHash("");
        unlinked.setSignature("");
        String hash = hasher.hash(unlinked);
        unlinked.setHash(hash);
        String signature = ReceiptSignature.sign(key, hash);
        unlinked.setSignature(signature);
        seals.sealed(head.chain(), head.nextSequence(), hash, signature);
        return new ChainHead(head.chain(), head.nextSequence() + 1, hash);
    }
}
