package dev.mcpgw.edge.downstream;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a {@code text/event-stream} body, fed in arbitrary chunks, into event data. Only what MCP
 * uses is kept: {@code data:} lines (joined by newlines) ending at a blank line; {@code event},
 * {@code id}, {@code retry} and comments are ignored. The stream is decoded as UTF-8 across chunks:
 * a character whose bytes two chunks split is decoded whole. Written here because Vert.x ships an
 * SSE server but no client-side decoder, and the rules are a handful of lines.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation">Event stream interpretation</a>
 */
final class SseParser {
    private final Consumer<String> onData;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** The bytes of a character the last chunk ended in the middle of (at most three). */
    private ByteBuffer undecoded = ByteBuffer.allocate(0);
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    SseParser(Consumer<String> onData) {
        this.onData = onData;
    }

    void feed(byte[] chunk) {
        ByteBuffer bytes = ByteBuffer.allocate(undecoded.remaining() + chunk.length).put(undecoded).put(chunk).flip();
        CharBuffer chars = CharBuffer.allocate(bytes.remaining());
        utf8.decode(bytes, chars, false);
        undecoded = bytes.slice();
        pending.append(chars.flip());
        int newline;
        while ((newline = indexOfLineEnd()) >= 0) {
            String line = pending.substring(0, newline);
            int skip = pending.charAt(newline) == '\r' && newline + 1 < pending.length() && pending.charAt(newline + 1) == '\n' ? 2 : 1;
            pending.delete(0, newline + skip);
            line(line);
        }
    }

    private int indexOfLineEnd() {
        for (int i = 0; i < pending.length(); i++) {
            char c = pending.charAt(i);
            if (c == '\n' || (c == '\r' && i + 1 < pending.length())) {
                return i;
            }
        }
        return -1;
    }

    private void line(String line) {
        if (line.isEmpty()) {
            if (hasData) {
                onData.accept(data.toString());
            }
            data.setLength(0);
            hasData = false;
        } else if (line.startsWith("data:")) {
            String value = line.substring(5);
            if (hasData) {
                data.append('\n');
            }
            data.append(value.startsWith(" ") ? value.substring(1) : value);
            hasData = true;
        }
    }
}
