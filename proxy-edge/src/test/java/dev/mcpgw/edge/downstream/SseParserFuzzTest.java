package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whatever bytes a tool server streams, cut into whatever chunks, the event-stream parser throws
 * nothing, delivers no event larger than its cap, and reports going past the cap at most once,
 * delivering nothing after.
 */
class SseParserFuzzTest {
    private static final int CAP = 256;

    @FuzzTest(maxDuration = "20s")
    void anyStreamYieldsEventsWithinTheCapAndNothingAfterItsOverflow(FuzzedDataProvider data) {
        List<String> events = new ArrayList<>();
        AtomicInteger overflows = new AtomicInteger();
        AtomicInteger deliveredBeforeOverflow = new AtomicInteger(-1);
        SseParser parser = new SseParser(CAP, events::add, () -> {
            overflows.incrementAndGet();
            deliveredBeforeOverflow.set(events.size());
        });

        while (data.remainingBytes() > 0) {
            parser.feed(data.consumeBytes(data.consumeInt(1, 64)));
        }

        // A byte decodes to at most one UTF-16 unit (a four-byte character to two), so an event within the cap in bytes is within it in units.
        assertThat(events).allSatisfy(event -> assertThat(event.length()).isLessThanOrEqualTo(CAP));
        assertThat(overflows.get()).isLessThanOrEqualTo(1);
        if (overflows.get() == 1) {
            assertThat(events).hasSize(deliveredBeforeOverflow.get());
        }
    }
}
