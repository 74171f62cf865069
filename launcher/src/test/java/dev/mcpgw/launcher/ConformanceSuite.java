package dev.mcpgw.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official MCP conformance suite and server-everything, installed from the npm registry with
 * the pinned lockfile in src/test/conformance, run under the Node 22 that the lockfile also pins.
 */
final class ConformanceSuite {
    private static final Path SOURCE = Path.of("src/test/conformance");
    private static final Pattern SUMMARY_LINE = Pattern.compile("^([✓✗]) ([a-z0-9-]+): (\\d+) passed, (\\d+) failed");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private final Path dir;

    private ConformanceSuite(Path dir) {
        this.dir = dir;
    }

    static boolean npmAvailable() {
        try {
            return new ProcessBuilder("npm", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** npm ci into target/conformance (once per build: a present node_modules is reused). */
    static ConformanceSuite install(Path target) throws IOException, InterruptedException {
        Files.createDirectories(target);
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(SOURCE.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(target.resolve("node_modules/.bin/node"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(target.toFile())
                    .redirectErrorStream(true).redirectOutput(target.resolve("npm-ci.log").toFile()).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed: " + Files.readString(target.resolve("npm-ci.log")));
            }
        }
        return new ConformanceSuite(target.toAbsolutePath());
    }

    String node() {
        return dir.resolve("node_modules/.bin/node").toString();
    }

    String serverEverything() {
        return dir.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js").toString();
    }

    /** server-everything over Streamable HTTP on {@code port}. */
    Process startServerEverything(int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(node(), serverEverything(), "streamableHttp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("server-everything-" + port + ".log").toFile());
        builder.environment().put("PORT", String.valueOf(port));
        return builder.start();
    }

    /** Runs every active server scenario against {@code url}; returns the scenarios that passed. */
    Set<String> passedScenarios(String url, String label) throws IOException, InterruptedException {
        Path log = dir.resolve("results-" + label + ".txt");
        Process suite = new ProcessBuilder(node(), dir.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js").toString(),
                "server", "--url", url).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!suite.waitFor(10, TimeUnit.MINUTES)) {
            suite.destroyForcibly();
            throw new IllegalStateException("conformance suite did not finish against " + url);
        }
        Set<String> passed = new TreeSet<>();
        List<String> all = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = SUMMARY_LINE.matcher(ANSI.matcher(line).replaceAll("").trim());
            if (m.find()) {
                all.add(m.group(2));
                if (m.group(1).equals("✓")) {
                    passed.add(m.group(2));
                }
            }
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no scenario summary in " + log + ":\n" + Files.readString(log));
        }
        return passed;
    }
}
