package dev.mcpgw.stream.processor;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Passes records on unchanged, and asks Streams to commit once it has processed the last record
 * it holds of this record's partition. An edge holds its call until the decision is committed, so
 * a stream that keeps up commits each decision at once; a stream with a backlog processes all it
 * has polled and commits it in one transaction, so the faster intents arrive, the more each
 * commit carries. A requested commit is taken after the whole round of processing, so asking
 * before the record has gone through the topology asks for its own commit too.
 */
public final class CommitWhenCaughtUp<K, V> implements FixedKeyProcessor<K, V, V> {
    private final PolledOffsets polled;
    private FixedKeyProcessorContext<K, V> context;

    public CommitWhenCaughtUp(PolledOffsets polled) {
        this.polled = polled;
    }

    @Override
    public void init(FixedKeyProcessorContext<K, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<K, V> record) {
        context.recordMetadata()
                .filter(source -> polled.isLastPolled(source.topic(), source.partition(), source.offset()))
                .ifPresent(source -> context.commit());
        context.forward(record);
    }
}
