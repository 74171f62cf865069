package dev.mcpgw.sink.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.chain.StrictJsonReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * A JSON Lines file that is only ever appended to. Appended lines are buffered and written by
 * {@link #sync()}, which returns only once they are on disk (fsync). Opening it cuts off an
 * unfinished last line, the trace of a crash mid-write, whose records were never acknowledged.
 */
public final class JsonLinesFile implements Closeable {
    private static final byte NEWLINE = '\n';
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FileChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private JsonLinesFile(FileChannel channel) {
        this.channel = channel;
    }

    public static JsonLinesFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.truncate(endOfLastLine(channel));
        channel.position(channel.size());
        return new JsonLinesFile(channel);
    }

    public void append(String line) {
        pending.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        pending.write(NEWLINE);
    }

    public void sync() throws IOException {
        if (pending.size() > 0) {
            ByteBuffer bytes = ByteBuffer.wrap(pending.toByteArray());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            pending.reset();
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Hands each finished line of {@code file} to {@code reader}, in order; an unfinished last line
     * (one a writer is still writing, or a crash left) is not handed over. Reads the file in large
     * chunks and cuts lines out of them, a line spanning two chunks being carried over.
     */
    static void readLines(Path file, Consumer<String> reader) throws IOException {
        byte[] chunk = new byte[1 << 16];
        int carried = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(chunk, carried, chunk.length - carried); read != -1; read = in.read(chunk, carried, chunk.length - carried)) {
                int end = carried + read;
                int start = 0;
                for (int newline = indexOf(chunk, NEWLINE, carried, end); newline != -1; newline = indexOf(chunk, NEWLINE, start, end)) {
                    reader.accept(new String(chunk, start, newline - start, StandardCharsets.UTF_8));
                    start = newline + 1;
                }
                carried = end - start;
                if (start == 0 && carried == chunk.length) {
                    chunk = Arrays.copyOf(chunk, chunk.length * 2);
                } else {
                    System.arraycopy(chunk, start, chunk, 0, carried);
                }
            }
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Every finished line of {@code file} read back as a {@code type} record; none when the file does not exist. */
    static <T extends SpecificRecord> List<T> records(Path file, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        if (Files.exists(file)) {
            StrictJsonReader<T> strict = StrictJsonReader.of(type);
            readLines(file, line -> records.add(strict.read(line)));
        }
        return records;
    }

    /** One line parsed as JSON. */
    static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long endOfLastLine(FileChannel channel) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
        for (long end = channel.size(); end > 0; ) {
            long start = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - start));
            while (chunk.hasRemaining()) {
                channel.read(chunk, start + chunk.position());
            }
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) == NEWLINE) {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }
}
