package dev.mcpgw.chain;

import dev.mcpgw.schemas.Receipt;

/** Links a new receipt to the head of its chain: sets chain, sequence, previous hash and its own hash. */
public final class ChainAppender {
    private final ReceiptHasher hasher;

    public ChainAppender(ReceiptHasher hasher) {
        this.hasher = hasher;
    }

    /** Completes {@code unlinked} in place (its chain fields are overwritten) and returns the new head. */
    public ChainHead append(ChainHead head, Receipt unlinked) {
        unlinked.setChain(head.chain());
        unlinked.setSequence(head.nextSequence());
        unlinked.setPreviousHash(head.lastHash());
        unlinked.setHash("");
        String hash = hasher.hash(unlinked);
        unlinked.setHash(hash);
        return new ChainHead(head.chain(), head.nextSequence() + 1, hash);
    }
}
