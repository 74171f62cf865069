package dev.mcpgw.edge.downstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits bytes fed in chunks into lines ending at LF (a CR before it dropped, as
 * {@code BufferedReader.readLine} drops it), each decoded as UTF-8 once whole. A line is held to
 * {@code maxLineBytes}: one that grows past it is not kept, {@code overLong} is told, and its bytes
 * are skipped up to its end, so that what is held stays under the cap whatever the stream.
 */
final class BoundedLines {
    private final int maxLineBytes;
    private final Consumer<String> onLine;
    private final Runnable overLong;
    private ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean skipping;

    BoundedLines(int maxLineBytes, Consumer<String> onLine, Runnable overLong) {
        this.maxLineBytes = maxLineBytes;
        this.onLine = onLine;
        this.overLong = overLong;
    }

    void feed(byte[] chunk, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (chunk[i] == '\n') {
                if (hold(chunk, start, i) && !skipping) {
                    lineEnded();
                }
                skipping = false;
                start = i + 1;
            }
        }
        hold(chunk, start, length);
    }

    /** Keeps part of the line being read, unless it would pass the cap; a line over it is skipped. */
    private boolean hold(byte[] chunk, int from, int to) {
        if (skipping) {
            return false;
        }
        if ((long) line.size() + (to - from) > maxLineBytes) {
            skipping = true;
            line = new ByteArrayOutputStream();
            overLong.run();
            return false;
        }
        line.write(chunk, from, to - from);
        return true;
    }

    private void lineEnded() {
        String ended = line.toString(StandardCharsets.UTF_8);
        line = new ByteArrayOutputStream();
        onLine.accept(ended.endsWith("\r") ? ended.substring(0, ended.length() - 1) : ended);
    }
}
