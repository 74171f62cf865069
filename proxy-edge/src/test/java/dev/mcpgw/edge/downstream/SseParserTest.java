package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
    private final List<String> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add);

    private void feedByteByByte(String stream) {
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            parser.feed(new byte[] {b});
        }
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
}
