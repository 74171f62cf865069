package dev.mcpgw.sink;

import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.ChainHead;
import java.util.Map;
import java.util.Optional;

/**
 * What a verification found: how many receipts held, each chain's head, the first break if any,
 * and where it was found (a topic offset, or an archive file and line; empty when intact).
 */
public record VerificationReport(long verified, Map<String, ChainHead> heads, Optional<ChainBreak> firstBreak, String location) {

    public boolean intact() {
        return firstBreak.isEmpty();
    }
}
