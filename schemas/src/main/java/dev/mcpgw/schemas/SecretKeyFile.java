package dev.mcpgw.schemas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A 32-byte secret shared by the gateway's processes (edges, decision stream), kept as Base64 in a
 * file readable by its owner only and made on first use. Every process of one gateway must be
 * given the same file.
 */
public final class SecretKeyFile {
    private static final int BYTES = 32;

    private SecretKeyFile() {
    }

    public static byte[] random() {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * The key in {@code file}, made on first use. A new key is written to a file that is owner-only
     * from its creation, then linked into place only if no key is there yet: a process starting at
     * the same moment either wins or reads the winner's key, and no reader sees a key half-written.
     */
    public static byte[] loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path fresh = ownerOnly(dir);
        try {
            Files.writeString(fresh, Base64.getEncoder().encodeToString(random()) + "\n", StandardCharsets.US_ASCII);
            // A hard link fails when the name is taken, where a rename would replace the other process's key.
            Files.createLink(file, fresh);
        } catch (FileAlreadyExistsException e) {
            // Another process made the key first: use its key.
        } finally {
            Files.deleteIfExists(fresh);
        }
        return read(file);
    }

    private static Path ownerOnly(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the directory's default permissions.
            return Files.createTempFile(dir, ".key-", ".tmp");
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        if (key.length < BYTES) {
            throw new IOException(file + " holds " + key.length + " bytes; a key needs at least " + BYTES);
        }
        return key;
    }
}
