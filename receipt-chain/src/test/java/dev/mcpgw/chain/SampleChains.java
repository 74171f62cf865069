package dev.mcpgw.chain;

import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.testsupport.SampleIntents;
import java.util.ArrayList;
import java.util.List;

/** Signed, linked receipt chains for tests of the chain, the archive and the verifiers. */
public final class SampleChains {
    public static final SigningKey KEY = SigningKey.generate();

    private SampleChains() {
    }

    /** {@code length} receipts of chain {@code chain}, signed with {@link #KEY}, each denying a different read. */
    public static List<Receipt> chain(String chain, int length) {
        return chain(chain, length, LocalSeals.none());
    }

    /** The same, told to {@code seals} as a decision stream of this process would. */
    public static List<Receipt> chain(String chain, int length, LocalSeals seals) {
        ChainAppender appender = new ChainAppender(new ReceiptHasher(), KEY, seals);
        ChainHead head = ChainHead.genesis(chain);
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            Receipt receipt = unlinked(i);
            head = appender.append(head, receipt);
            receipts.add(receipt);
        }
        return receipts;
    }

    /** Two chains' receipts taken in turns, as a receipt topic fed by two partitions might hold them. */
    public static List<Receipt> interleave(List<Receipt> a, List<Receipt> b) {
        List<Receipt> both = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                both.add(a.get(i));
            }
            if (i < b.size()) {
                both.add(b.get(i));
            }
        }
        return both;
    }

    /** The checkpoint, signed with {@link #KEY}, of {@code chain}'s last receipt in {@code trail}. */
    public static Checkpoint checkpointOf(List<Receipt> trail, String chain) {
        Receipt head = trail.stream().filter(r -> r.getChain().equals(chain)).reduce((first, second) -> second).orElseThrow();
        return CheckpointSignature.of(new ChainHead(chain, head.getSequence() + 1, head.getHash()), 0L, KEY);
    }

    public static Receipt unlinked(int i) {
        Intent intent = SampleIntents.intent().setIntentId("intent-" + i).setEventTime(1_700_000_000_000L + i)
                .setServer("files").setTool("read_file").setArgumentsJson("{\"path\":\"/tmp/" + i + "\"}").build();
        return Receipt.newBuilder()
                .setChain("").setSequence(0).setPreviousHash("").setKeyId("").setHash("").setSignature("")
                .setIntent(intent)
                .setPolicyVersion("v1")
                .setEffect(Effect.DENY)
                .setMatchedRules(List.of("no-reads"))
                .setReasons(List.of("denied by rule no-reads"))
                .setTime(intent.getEventTime())
                .build();
    }
}
