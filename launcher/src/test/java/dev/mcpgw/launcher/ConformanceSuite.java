package dev.mcpgw.launcher;

import dev.mcpgw.testsupport.NpmInstall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official MCP conformance suites (0.1.16 for the session era, 0.2.0-alpha.12 for
 * 2026-07-28), server-everything, and mcp-proxy (a plain proxy, for comparison), installed from
 * the npm registry with the pinned lockfile in src/test/conformance, run under the Node 22 that
 * the lockfile also pins.
 */
final class ConformanceSuite {
    private static final Path SOURCE = Path.of("src/test/conformance");
    private static final Pattern SUMMARY_LINE = Pattern.compile("^([✓✗]) ([a-z0-9-]+): (\\d+) passed, (\\d+) failed");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final String NOT_SCORED = "Not scored";
    private static final Pattern NOT_SCORED_LINE = Pattern.compile("^[✓✗] ([a-z0-9-]+) \\(");

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

    /** npm ci into target/conformance (once per lockfile: what an earlier build installed from it is reused). */
    static ConformanceSuite install(Path target) throws IOException, InterruptedException {
        NpmInstall.ci(target, List.of("package.json", "package-lock.json"), file -> Files.readAllBytes(SOURCE.resolve(file)));
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

    /**
     * mcp-proxy on {@code port}, fronting server-everything over stdio: a plain proxy that bridges
     * the eras, for comparison.
     */
    Process startMcpProxy(int port) throws IOException {
        return new ProcessBuilder(node(), dir.resolve("node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs").toString(),
                "--port", String.valueOf(port), "--host", "127.0.0.1", "--", node(), serverEverything(), "stdio")
                .redirectErrorStream(true).redirectOutput(dir.resolve("mcp-proxy-" + port + ".log").toFile()).start();
    }

    /** Runs every active server scenario of the session-era suite against {@code url}; returns the scenarios that passed. */
    Set<String> passedScenarios(String url, String label) throws IOException, InterruptedException {
        return passed(run("node_modules/@modelcontextprotocol/conformance/dist/index.js", "results-" + label + ".txt", "--url", url));
    }

    /**
     * Runs the scenarios 2026-07-28 requires against {@code url}; returns those that passed, leaving
     * out the ones the suite runs but does not score for that revision (extensions, pending).
     */
    Set<String> passedRequiredBy2026(String url, String label) throws IOException, InterruptedException {
        return passed(run("node_modules/conformance-2026/dist/index.js", "results-2026-" + label + ".txt",
                "--url", url, "--requirements", "2026-07-28", "--output-dir", dir.resolve("checks-2026-" + label).toString()));
    }

    /** The checks of a 2026-07-28 scenario that did not succeed in the run labelled {@code label} (warnings included). */
    Set<String> unsuccessfulChecks(String label, String scenario) throws IOException {
        Path checks;
        try (var runs = Files.list(dir.resolve("checks-2026-" + label))) {
            checks = runs.filter(p -> p.getFileName().toString().startsWith("server-" + scenario + "-")).max(Path::compareTo)
                    .orElseThrow(() -> new IllegalStateException("no checks of " + scenario + " in the run " + label))
                    .resolve("checks.json");
        }
        Set<String> unsuccessful = new TreeSet<>();
        new JsonArray(Files.readString(checks)).forEach(check -> {
            JsonObject c = (JsonObject) check;
            if (!"SUCCESS".equals(c.getString("status"))) {
                unsuccessful.add(c.getString("id"));
            }
        });
        return unsuccessful;
    }

    private List<String> run(String suite, String logName, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve(logName);
        List<String> command = new ArrayList<>(List.of(node(), dir.resolve(suite).toString(), "server"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("conformance suite did not finish: " + command);
        }
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(l -> ANSI.matcher(l).replaceAll("").trim()).toList();
    }

    private static Set<String> passed(List<String> lines) {
        Set<String> passed = new TreeSet<>();
        Set<String> notScored = new TreeSet<>();
        boolean inNotScored = false;
        int summaries = 0;
        for (String line : lines) {
            inNotScored |= line.startsWith(NOT_SCORED);
            Matcher summary = SUMMARY_LINE.matcher(line);
            Matcher unscored = NOT_SCORED_LINE.matcher(line);
            if (summary.find()) {
                summaries++;
                if (summary.group(1).equals("✓")) {
                    passed.add(summary.group(2));
                }
            } else if (inNotScored && unscored.find()) {
                notScored.add(unscored.group(1));
            }
        }
        if (summaries == 0) {
            throw new IllegalStateException("no scenario summary in the suite's output:\n" + String.join("\n", lines));
        }
        passed.removeAll(notScored);
        return passed;
    }
}
