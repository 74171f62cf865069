package dev.mcpgw.stream.processor;

import dev.mcpgw.chain.ChainAppender;
import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.stream.topology.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends the receipt of each evaluation to the chain of the propose partition it came from. One
 * task owns a partition and its chain head, and exactly-once commits the head with the receipt, so
 * a crash can neither fork nor gap a chain. Output key: "chain/sequence".
 */
public final class ChainProcessor implements Processor<String, Evaluation, String, Receipt> {
    private final ChainAppender appender;
    private ProcessorContext<String, Receipt> context;
    private KeyValueStore<String, ReceiptRef> heads;

    public ChainProcessor(SigningKey key) {
        this.appender = new ChainAppender(new ReceiptHasher(), key);
    }

    @Override
    public void init(ProcessorContext<String, Receipt> context) {
        this.context = context;
        this.heads = context.getStateStore(StoreNames.CHAIN_HEADS);
    }

    @Override
    public void process(Record<String, Evaluation> record) {
        String chain = chainOf(context.recordMetadata().orElseThrow().partition());
        ReceiptRef last = heads.get(chain);
        ChainHead head = last == null ? ChainHead.genesis(chain) : new ChainHead(chain, last.getSequence() + 1, last.getHash());
        Receipt receipt = unlinkedReceipt(record.value());
        appender.append(head, receipt);
        heads.put(chain, new ReceiptRef(chain, receipt.getSequence(), receipt.getHash()));
        context.forward(record.withKey(receiptKey(receipt)).withValue(receipt));
    }

    public static String chainOf(int proposePartition) {
        return "propose-" + proposePartition;
    }

    public static String receiptKey(Receipt receipt) {
        return receipt.getChain() + "/" + String.format("%019d", receipt.getSequence());
    }

    private static Receipt unlinkedReceipt(Evaluation evaluation) {
        return Receipt.newBuilder()
                .setChain("").setSequence(0).setPreviousHash("").setKeyId("").setHash("").setSignature("")
                .setIntent(evaluation.intent())
                .setPolicyVersion(evaluation.policyVersion())
                .setEffect(Effect.valueOf(evaluation.decision().effect().name()))
                .setMatchedRules(evaluation.decision().matchedRules())
                .setReasons(evaluation.decision().reasons())
                .setTime(evaluation.intent().getEventTime())
                .build();
    }
}
