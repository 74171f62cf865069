package dev.mcpgw.chain;

/** The end of one chain: the sequence the next receipt must carry and the hash it must link to. */
public record ChainHead(String chain, long nextSequence, String lastHash) {

    public static ChainHead genesis(String chain) {
        return new ChainHead(chain, 0, ReceiptHasher.GENESIS_HASH);
    }
}
