package dev.mcpgw.sink.replay;

import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Receipt;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/** Reads a receipt topic from its beginning to its end now, handing every receipt the filter matches (with its offset) on. */
public final class ReceiptReplay {
    private static final Duration TRAIL_TIMEOUT = Duration.ofHours(6);
    private final String bootstrapServers;

    public ReceiptReplay(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Returns how many receipts matched. */
    public long replay(String topic, ReceiptFilter filter, BiConsumer<Long, Receipt> out) {
        AtomicLong matched = new AtomicLong();
        TopicConsumers.readToEnd(bootstrapServers, topic, Topics.RECEIPT, TRAIL_TIMEOUT, record -> {
            if (record.value() != null && filter.matches(record.offset(), record.value())) {
                out.accept(record.offset(), record.value());
                matched.incrementAndGet();
            }
            return true;
        });
        return matched.get();
    }
}
