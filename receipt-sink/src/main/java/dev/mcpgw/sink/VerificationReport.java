package dev.mcpgw.sink;

import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.ChainHead;
import java.util.Map;
import java.util.Optional;

/** What a verification found: how many receipts held, each chain's head, and the first break if any. */
public record VerificationReport(long verified, Map<String, ChainHead> heads, Optional<ChainBreak> firstBreak) {

    public boolean intact() {
        return firstBreak.isEmpty();
    }
}
