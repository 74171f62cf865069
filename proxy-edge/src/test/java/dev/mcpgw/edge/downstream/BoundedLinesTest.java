package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {
    private static final int CAP = 16;
    private final List<String> lines = new ArrayList<>();
    private final AtomicInteger overLong = new AtomicInteger();
    private final BoundedLines splitter = new BoundedLines(CAP, lines::add, overLong::incrementAndGet);

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, bytes.length);
    }

    @Test
    void shouldSplitAtLineFeedsAndDropACarriageReturnBeforeOne() {
        feed("one\ntwo\r\nthr");
        feed("ee\n");

        assertThat(lines).containsExactly("one", "two", "three");
    }

    @Test
    void shouldDecodeACharacterWhoseBytesTwoChunksSplit() {
        byte[] bytes = "🦀\n".getBytes(StandardCharsets.UTF_8);

        splitter.feed(Arrays.copyOfRange(bytes, 0, 2), 2);
        splitter.feed(Arrays.copyOfRange(bytes, 2, bytes.length), bytes.length - 2);

        assertThat(lines).containsExactly("🦀");
    }

    @Test
    void shouldKeepALineOfExactlyTheCap() {
        feed("x".repeat(CAP) + "\n");

        assertThat(lines).containsExactly("x".repeat(CAP));
        assertThat(overLong).hasValue(0);
    }

    @Test
    void shouldSkipALineOverTheCapUpToItsEndAndKeepTheLinesAfterIt() {
        feed("x".repeat(CAP));
        feed("y".repeat(10 * CAP));
        feed("z\nafter\n");

        assertThat(lines).containsExactly("after");
        assertThat(overLong).hasValue(1);
    }

    @Test
    void shouldReadOnlyTheLengthOfTheChunkItIsTold() {
        byte[] chunk = "kept\nnot fed\n".getBytes(StandardCharsets.UTF_8);

        splitter.feed(chunk, 5);

        assertThat(lines).containsExactly("kept");
    }
}
