package dev.mcpgw.edge.downstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a {@code text/event-stream} body, fed in arbitrary chunks, into event data. Only what MCP
 * uses is kept: {@code data:} lines (joined by newlines) ending at a blank line; {@code event},
 * {@code id}, {@code retry} and comments are ignored. Lines are split as bytes (CR and LF never
 * occur inside a UTF-8 character) and decoded whole, so a character two chunks split is decoded
 * whole. Written here because Vert.x ships an SSE server but no client-side decoder, and the rules
 * are a handful of lines.
 *
 * <p>What it holds for one event, the data so far and the line being read, never exceeds
 * {@code maxEventBytes}: a server is not trusted to end its events. An event that would is not
 * delivered; {@code overflowed} is told once, and the rest of the stream is ignored.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation">Event stream interpretation</a>
 */
final class SseParser {
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private final int maxEventBytes;
    private final Consumer<String> onData;
    private final Runnable overflowed;
    private Bytes line = new Bytes();
    private Bytes data = new Bytes();
    private boolean hasData;
    /** The last byte ended a line with CR: an LF right after it belongs to that line end. */
    private boolean afterCr;
    private boolean over;

    SseParser(int maxEventBytes, Consumer<String> onData, Runnable overflowed) {
        this.maxEventBytes = maxEventBytes;
        this.onData = onData;
        this.overflowed = overflowed;
    }

    void feed(byte[] chunk) {
        int start = 0;
        for (int i = 0; i < chunk.length && !over; i++) {
            byte b = chunk[i];
            if (b == '\n' && afterCr) {
                start = i + 1;
            } else if (b == '\n' || b == '\r') {
                if (hold(chunk, start, i)) {
                    lineEnded();
                }
                start = i + 1;
            }
            afterCr = b == '\r';
        }
        if (!over) {
            hold(chunk, start, chunk.length);
        }
    }

    /** Keeps part of the line being read, unless the event would then hold more than its cap. */
    private boolean hold(byte[] chunk, int from, int to) {
        if ((long) data.size() + line.size() + (to - from) > maxEventBytes) {
            over = true;
            line = null;
            data = null;
            overflowed.run();
            return false;
        }
        line.write(chunk, from, to - from);
        return true;
    }

    /** Buffers are replaced rather than reset, so that one large event does not keep its memory for the stream's life. */
    private void lineEnded() {
        Bytes ended = line;
        line = new Bytes();
        if (ended.size() == 0) {
            if (hasData) {
                onData.accept(data.toString(StandardCharsets.UTF_8));
            }
            data = new Bytes();
            hasData = false;
        } else if (ended.startsWith(DATA)) {
            if (hasData) {
                data.write('\n');
            }
            ended.copyTo(data, ended.byteAt(DATA.length) == ' ' ? DATA.length + 1 : DATA.length);
            hasData = true;
        }
    }

    /** A byte buffer read in place, so that a line is not copied to be looked at. */
    private static final class Bytes extends ByteArrayOutputStream {
        boolean startsWith(byte[] prefix) {
            return count >= prefix.length && Arrays.equals(buf, 0, prefix.length, prefix, 0, prefix.length);
        }

        /** The byte at {@code index}, or -1 past the end. */
        int byteAt(int index) {
            return index < count ? buf[index] : -1;
        }

        void copyTo(ByteArrayOutputStream out, int from) {
            out.write(buf, from, count - from);
        }
    }
}
