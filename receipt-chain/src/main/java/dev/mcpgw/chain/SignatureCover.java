package dev.mcpgw.chain;

/**
 * Which receipts something else vouches for, so that their own signatures need not be checked one
 * by one: a signed checkpoint (it signs its chain's head hash, and the hash links lead from every
 * earlier receipt to that head, each hash recomputed over every field), or the seals this process
 * made ({@link LocalSeals}).
 */
@FunctionalInterface
public interface SignatureCover {
    /** Nothing vouched for: every receipt's own signature is checked. */
    SignatureCover NONE = (chain, sequence, hash, signature) -> false;

    /** Whether the receipt at {@code sequence} of {@code chain}, with this hash (recomputed and found equal) and signature, is vouched for. */
    boolean covers(String chain, long sequence, String hash, String signature);
}
