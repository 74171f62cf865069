package dev.mcpgw.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code npm ci} in a directory holding a package.json and its lockfile, from the npm registry:
 * once per lockfile, so a build reuses what an earlier build of the same lockfile installed, and
 * a changed lockfile is installed afresh. A module's tests may run in several JVMs at once, each
 * installing into the same directory: each holds a lock on the directory's lock file while it
 * writes there, so one installs and the others find it installed.
 */
public final class NpmInstall {
    private static final String INSTALLED_LOCK = "node_modules/.installed-package-lock.json";
    private static final String INSTALLING = ".installing.lock";

    /** The bytes of one of the package's files, by its name. */
    @FunctionalInterface
    public interface PackageFiles {
        byte[] read(String name) throws IOException;
    }

    private NpmInstall() {
    }

    /** Puts the named files, read from {@code files}, into the directory, then installs it, holding the directory's lock. */
    public static void ci(Path dir, List<String> names, PackageFiles files) {
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(INSTALLING), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = channel.lock()) {
                for (String name : names) {
                    writeIfChanged(files.read(name), dir.resolve(name));
                }
                installUnlessInstalled(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts {@code content} at {@code target} unless it is there already, by a rename, so that a
     * process another JVM starts from the file meanwhile reads it whole.
     */
    private static void writeIfChanged(byte[] content, Path target) throws IOException {
        if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), content)) {
            return;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.write(partial, content);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void installUnlessInstalled(Path dir) throws IOException {
        Path lock = dir.resolve("package-lock.json");
        Path installed = dir.resolve(INSTALLED_LOCK);
        if (Files.exists(installed) && Files.mismatch(installed, lock) == -1) {
            return;
        }
        Path log = dir.resolve("npm-ci.log");
        try {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci failed in " + dir + ": " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing from the npm registry into " + dir, e);
        }
        Files.copy(lock, installed, StandardCopyOption.REPLACE_EXISTING);
    }
}
