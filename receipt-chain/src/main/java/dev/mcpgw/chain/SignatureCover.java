package dev.mcpgw.chain;

/**
 * Which receipts a signed checkpoint vouches for, so that their own signatures need not be checked
 * one by one: the checkpoint signs its chain's head hash, and the hash links lead from every
 * earlier receipt to that head, each hash recomputed over every field.
 */
@FunctionalInterface
public interface SignatureCover {
    /** Nothing vouched for: every receipt's own signature is checked. */
    SignatureCover NONE = (chain, sequence) -> false;

    boolean covers(String chain, long sequence);
}
