package dev.mcpgw.stream.processor;

import dev.mcpgw.chain.ChainAppender;
import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.CheckpointSignature;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.stream.topology.ChainSettings;
import dev.mcpgw.stream.topology.StoreNames;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends each receipt (of a decision or an outcome) to the chain of the partition it came from
 * (gateway.propose and gateway.outcome are split alike), and signs it. One task owns a partition
 * and its chain head, and exactly-once commits the head with
 * the receipt, so a crash can neither fork nor gap a chain. It also emits a signed checkpoint of
 * the head every N receipts and, when the chain has grown, every few seconds. Output keys:
 * "chain/sequence" for receipts, "chain/count" for checkpoints.
 */
public final class ChainProcessor implements Processor<String, Receipt, String, Chained> {
    private final ChainAppender appender;
    private final ChainSettings settings;
    private ProcessorContext<String, Chained> context;
    private long checkpointedCount = -1;
    private KeyValueStore<String, ReceiptRef> heads;

    public ChainProcessor(ChainSettings settings) {
        this.settings = settings;
        this.appender = new ChainAppender(new ReceiptHasher(), settings.signingKey());
    }

    @Override
    public void init(ProcessorContext<String, Chained> context) {
        this.context = context;
        this.heads = context.getStateStore(StoreNames.CHAIN_HEADS);
        context.schedule(settings.checkpointInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkpointIfGrown);
    }

    @Override
    public void process(Record<String, Receipt> record) {
        String chain = chainOf(context.recordMetadata().orElseThrow().partition());
        ReceiptRef last = heads.get(chain);
        ChainHead head = last == null ? ChainHead.genesis(chain) : new ChainHead(chain, last.getSequence() + 1, last.getHash());
        Receipt receipt = record.value();
        ChainHead next = appender.append(head, receipt);
        heads.put(chain, new ReceiptRef(chain, receipt.getSequence(), receipt.getHash()));
        context.forward(record.withKey(receiptKey(receipt)).withValue(Chained.of(receipt)));
        if (next.nextSequence() % settings.checkpointEvery() == 0) {
            checkpoint(next, receipt.getTime(), record.timestamp());
        }
    }

    /** The periodic checkpoint: for this task's chain, if it has grown since the last one. */
    private void checkpointIfGrown(long now) {
        String chain = chainOf(context.taskId().partition());
        ReceiptRef last = heads.get(chain);
        if (last != null && last.getSequence() + 1 != checkpointedCount) {
            checkpoint(new ChainHead(chain, last.getSequence() + 1, last.getHash()), now, now);
        }
    }

    private void checkpoint(ChainHead head, long time, long timestamp) {
        Checkpoint checkpoint = CheckpointSignature.of(head, time, settings.signingKey());
        checkpointedCount = head.nextSequence();
        context.forward(new Record<>(CheckpointSignature.key(checkpoint), Chained.of(checkpoint), timestamp));
    }

    public static String chainOf(int proposePartition) {
        return "propose-" + proposePartition;
    }

    public static String receiptKey(Receipt receipt) {
        return receipt.getChain() + "/" + String.format("%019d", receipt.getSequence());
    }
}
