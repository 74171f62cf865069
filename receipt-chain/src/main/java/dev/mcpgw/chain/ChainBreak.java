package dev.mcpgw.chain;

/**
 * The first place a chain does not hold: which chain, at which sequence, which check failed, what
 * was expected there and what was found.
 */
public record ChainBreak(String chain, long sequence, String check, String expected, String found) {

    @Override
    public String toString() {
        return "chain " + chain + " breaks at sequence " + sequence + ": " + check
                + " expected " + expected + ", found " + found;
    }
}
