package dev.mcpgw.stream.processor;

import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Receipt;

/** What the chain step emits: a receipt, or a checkpoint of its chain. Passed in memory only, never serialized. */
public record Chained(Receipt receipt, Checkpoint checkpoint) {

    static Chained of(Receipt receipt) {
        return new Chained(receipt, null);
    }

    static Chained of(Checkpoint checkpoint) {
        return new Chained(null, checkpoint);
    }
}
