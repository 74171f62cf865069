package dev.mcpgw.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The name this decision stream instance goes by in its consumer group, kept in its state
 * directory so that it outlives a restart. With it the instance is a static member: restarted, it
 * takes its partitions back at once instead of waiting for the group to give up on the member it
 * was before (Streams' consumers do not leave the group on close, so that wait was the session
 * timeout); closed, it can leave the group. Each state directory names one instance: a copied
 * directory would make two instances one, and the group would fence the older.
 */
final class StreamInstanceId {
    private static final String FILE = "stream-instance-id";

    private StreamInstanceId() {
    }

    static String loadOrCreate(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(stateDir);
                try {
                    Files.writeString(file, DecisionStreamApp.APPLICATION_ID + "-" + UUID.randomUUID() + "\n", StandardCharsets.US_ASCII,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException raced) {
                    // Another start wrote it first; its id is as good.
                }
            }
            String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (id.isEmpty() || id.length() > 249 || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                throw new IllegalStateException(file + " does not hold an instance id; remove it and a new one is made");
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the stream instance id in " + file, e);
        }
    }
}
