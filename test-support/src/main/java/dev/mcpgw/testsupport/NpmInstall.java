package dev.mcpgw.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * {@code npm ci} in a directory holding a package.json and its lockfile, from the npm registry:
 * once per lockfile, so a build reuses what an earlier build of the same lockfile installed, and
 * a changed lockfile is installed afresh.
 */
public final class NpmInstall {
    private static final String INSTALLED_LOCK = "node_modules/.installed-package-lock.json";

    private NpmInstall() {
    }

    public static void ci(Path dir) {
        Path lock = dir.resolve("package-lock.json");
        Path installed = dir.resolve(INSTALLED_LOCK);
        try {
            if (Files.exists(installed) && Files.mismatch(installed, lock) == -1) {
                return;
            }
            Path log = dir.resolve("npm-ci.log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci failed in " + dir + ": " + Files.readString(log));
            }
            Files.copy(lock, installed, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing from the npm registry into " + dir, e);
        }
    }
}
