package dev.mcpgw.edge.mrtr;

import dev.mcpgw.schemas.SecretKeyFile;
import java.io.IOException;
import java.nio.file.Path;

/** The key that seals relayed request states, a {@link SecretKeyFile} of its own. */
public final class RequestStateKey {
    private RequestStateKey() {
    }

    public static byte[] random() {
        return SecretKeyFile.random();
    }

    /** The key in {@code file}, made on first use; every edge instance of one gateway must be given the same file. */
    public static byte[] loadOrCreate(Path file) throws IOException {
        return SecretKeyFile.loadOrCreate(file);
    }
}
