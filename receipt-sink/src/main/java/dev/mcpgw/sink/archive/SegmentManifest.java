package dev.mcpgw.sink.archive;

import dev.mcpgw.chain.ChainHead;
import java.util.Map;

/**
 * Written beside a segment when it is closed: how many receipts it holds, its first and last
 * receipt (with their hashes), and the head of every chain after its last line, so that a
 * segment's lines can be checked against it and a closed segment cannot shrink or grow unnoticed.
 */
public record SegmentManifest(long segment, long receipts, ArchivedReceipt first, ArchivedReceipt last, Map<String, ChainHead> heads) {

    /** Where one receipt sits in its chain, and its hash. */
    public record ArchivedReceipt(String chain, long sequence, String hash) {
    }
}
