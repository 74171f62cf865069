package dev.mcpgw.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One of the gateway's secret keys: 32 random bytes, kept as Base64 in a file readable by its
 * owner only, made on first use. Every edge instance of one gateway must be given the same file.
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

    /** The key in {@code file}, made on first use. */
    public static byte[] loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        }
        byte[] key = random();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the directory's default permissions.
        }
        return key;
    }
}
