package dev.mcpgw.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of its own for a fixture that outlives one test method (a gateway, a tool server),
 * removed when the fixture closes, so test runs leave nothing behind in the system's temporary
 * directory. Tests themselves use JUnit's {@code @TempDir}. Removal is best effort: a tool server's
 * process may still be writing its call log as it exits, and a leftover directory must not fail a
 * test that passed.
 */
public final class TemporaryDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TemporaryDirectory.class);

    private final Path path;

    private TemporaryDirectory(Path path) {
        this.path = path;
    }

    public static TemporaryDirectory create(String prefix) {
        try {
            return new TemporaryDirectory(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Utils.delete(path.toFile());
        } catch (IOException e) {
            LOG.warn("could not remove {}", path, e);
        }
    }
}
