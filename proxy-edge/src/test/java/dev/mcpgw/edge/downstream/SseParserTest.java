package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SseParserTest {
    /** Small, so that an event passes it cheaply. */
    private static final int CAP = 64;
    private final List<String> events = new ArrayList<>();
    private final AtomicInteger overflows = new AtomicInteger();
    private final SseParser parser = new SseParser(CAP, events::add, overflows::incrementAndGet);

    private void feedByteByByte(String stream) {
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            parser.feed(new byte[] {b});
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldDecodeACharacterWhoseBytesTwoChunksSplit() {
        byte[] bytes = "data: {\"text\":\"café\"}\n\n".getBytes(StandardCharsets.UTF_8);
        int insideTheE = new String(bytes, StandardCharsets.UTF_8).indexOf('é') + 1;

        parser.feed(Arrays.copyOfRange(bytes, 0, insideTheE));
        parser.feed(Arrays.copyOfRange(bytes, insideTheE, bytes.length));

        assertThat(events).containsExactly("{\"text\":\"café\"}");
    }

    @Test
    void shouldDecodeFourByteCharactersFedOneByteAtATime() {
        feedByteByByte("data: 🦀 and 𝄞\n\n");

        assertThat(events).containsExactly("🦀 and 𝄞");
    }

    @Test
    void shouldReplaceBytesThatAreNoUtf8() {
        parser.feed(new byte[] {'d', 'a', 't', 'a', ':', ' ', (byte) 0xff, 'x', '\n', '\n'});

        assertThat(events).containsExactly("\uFFFDx");
    }

    @Test
    void shouldJoinDataLinesAndEndTheEventAtABlankLine() {
        feedByteByByte("event: message\r\ndata: one\r\ndata:two\r\n\r\n: comment\n\ndata: three\n\n");

        assertThat(events).containsExactly("one\ntwo", "three");
    }

    @Test
    void shouldEndALineAtACarriageReturnThatEndsAChunk() {
        parser.feed(utf8("data: one\r"));
        parser.feed(utf8("\ndata: two\r"));
        parser.feed(utf8("\r"));

        assertThat(events).containsExactly("one\ntwo");
    }

    @Test
    void shouldDeliverAnEventWhoseDataLineIsExactlyTheCap() {
        String line = "data:" + "x".repeat(CAP - 5);

        parser.feed(utf8(line + "\n\n"));

        assertThat(events).containsExactly("x".repeat(CAP - 5));
        assertThat(overflows).hasValue(0);
    }

    @Test
    void shouldDropAnEventOneByteOverTheCapAndIgnoreTheRestOfTheStream() {
        parser.feed(utf8("data:" + "x".repeat(CAP - 4) + "\n\n"));
        parser.feed(utf8("data: later\n\n"));

        assertThat(events).isEmpty();
        assertThat(overflows).hasValue(1);
    }

    @Test
    void shouldCountEveryDataLineOfAnEventTowardsTheCap() {
        for (int i = 0; i < CAP; i++) {
            parser.feed(utf8("data: 1\n"));
        }

        assertThat(events).isEmpty();
        assertThat(overflows).hasValue(1);
    }

    @Test
    void shouldGiveEachEventTheWholeCap() {
        String line = "data:" + "x".repeat(CAP - 5) + "\n\n";

        parser.feed(utf8(line + line + line));

        assertThat(events).hasSize(3);
        assertThat(overflows).hasValue(0);
    }

    @Test
    void shouldStopHoldingALineThatNeverEnds() {
        byte[] chunk = utf8("x".repeat(CAP / 4));

        parser.feed(utf8("data: "));
        for (int i = 0; i < 40; i++) {
            parser.feed(chunk);
        }

        assertThat(events).isEmpty();
        assertThat(overflows).hasValue(1);
    }

    @Test
    void shouldDeliverAFourByteCharacterSplitAcrossChunksThatEndsTheEventAtTheCap() {
        byte[] line = utf8("data:" + "x".repeat(CAP - 9) + "🦀");
        assertThat(line).hasSize(CAP);

        parser.feed(Arrays.copyOfRange(line, 0, CAP - 2));
        parser.feed(Arrays.copyOfRange(line, CAP - 2, CAP));
        parser.feed(utf8("\n\n"));

        assertThat(events).containsExactly("x".repeat(CAP - 9) + "🦀");
        assertThat(overflows).hasValue(0);
    }

    @Test
    void shouldDropAnEventWhoseFourByteCharacterSplitAcrossChunksCrossesTheCap() {
        byte[] line = utf8("data:" + "x".repeat(CAP - 8) + "🦀");

        parser.feed(Arrays.copyOfRange(line, 0, CAP - 1));
        parser.feed(Arrays.copyOfRange(line, CAP - 1, line.length));
        parser.feed(utf8("\n\n"));

        assertThat(events).isEmpty();
        assertThat(overflows).hasValue(1);
    }

    @Test
    void shouldNotCountCommentsAndOtherFieldsOnceTheirLineHasEnded() {
        for (int i = 0; i < CAP; i++) {
            parser.feed(utf8(": keep-alive\nid: 7\n"));
        }
        parser.feed(utf8("data: answer\n\n"));

        assertThat(events).containsExactly("answer");
        assertThat(overflows).hasValue(0);
    }
}
