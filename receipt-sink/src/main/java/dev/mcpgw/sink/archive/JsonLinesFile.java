package dev.mcpgw.sink.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.chain.ReceiptJson;
import java.io.BufferedInputStream;
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
     * (one a writer is still writing, or a crash left) is not handed over.
     */
    static void readLines(Path file, Consumer<String> reader) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == NEWLINE) {
                    reader.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
    }

    /** Every finished line of {@code file} read back as a {@code type} record; none when the file does not exist. */
    static <T extends SpecificRecord> List<T> records(Path file, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        if (Files.exists(file)) {
            readLines(file, line -> records.add(ReceiptJson.read(tree(line), type)));
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
