package dev.mcpgw.stream.processor;

import dev.mcpgw.schemas.Outcome;
import dev.mcpgw.schemas.Receipt;

/**
 * What the chain step takes: the unsealed receipt of a decision, or an outcome the edge reported
 * (whose receipt the chain step builds from the decision receipt it names). Passed in memory only.
 */
public record ChainEntry(Receipt decision, Outcome outcome) {

    public static ChainEntry of(Receipt decision) {
        return new ChainEntry(decision, null);
    }

    public static ChainEntry of(Outcome outcome) {
        return new ChainEntry(null, outcome);
    }
}
