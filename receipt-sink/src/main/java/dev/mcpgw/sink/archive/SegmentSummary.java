package dev.mcpgw.sink.archive;

import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.sink.archive.SegmentManifest.ArchivedReceipt;
import java.util.Map;
import java.util.TreeMap;

/** What the lines of one segment add up to so far: the makings of its manifest. */
final class SegmentSummary {
    private final long segment;
    private final Map<String, ChainHead> heads;
    private long receipts;
    private ArchivedReceipt first;
    private ArchivedReceipt last;

    /** A segment whose first line continues the chains at {@code headsBefore}. */
    SegmentSummary(long segment, Map<String, ChainHead> headsBefore) {
        this.segment = segment;
        this.heads = new TreeMap<>(headsBefore);
    }

    void add(String chain, long sequence, String hash) {
        ArchivedReceipt receipt = new ArchivedReceipt(chain, sequence, hash);
        if (first == null) {
            first = receipt;
        }
        last = receipt;
        receipts++;
        heads.put(chain, new ChainHead(chain, sequence + 1, hash));
    }

    long receipts() {
        return receipts;
    }

    Map<String, ChainHead> heads() {
        return heads;
    }

    SegmentManifest manifest() {
        return new SegmentManifest(segment, receipts, first, last, new TreeMap<>(heads));
    }
}
