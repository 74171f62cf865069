package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.cli.GatewayCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code gateway} service command in a JVM of its own, as an operator runs it: started and
 * trusted once its first line says it runs, asked for its health over HTTP, then stopped with
 * SIGTERM or killed with SIGKILL.
 */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final BufferedReader out;
    private final String firstLine;

    private ServiceProcess(Process process, BufferedReader out, String firstLine) {
        this.process = process;
        this.out = out;
        this.firstLine = firstLine;
    }

    /** {@code gateway args...}; returns once its first line starts with {@code running} (stderr goes to {@code log}). */
    static ServiceProcess start(Path log, String running, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), GatewayCommand.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("first line of gateway %s (log: %s)", args[0], log).startsWith(running);
        return new ServiceProcess(process, out, line);
    }

    /** What it printed once it ran. */
    String firstLine() {
        return firstLine;
    }

    /** Where the service said its /healthz and /metrics are. */
    String healthUrl() {
        return firstLine.substring(firstLine.lastIndexOf("health and metrics at ") + "health and metrics at ".length()).strip();
    }

    HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(healthUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM; returns the last line it printed once it has exited (its shutdown hook says what it stopped). */
    String stop() throws IOException, InterruptedException {
        // Through the handle: Process.destroy() would also close the output before the last line is read.
        process.toHandle().destroy();
        assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("exited within 40 s of SIGTERM").isTrue();
        String last = null;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            last = line;
        }
        return last;
    }

    /** SIGKILL: no shutdown hook runs, nothing is closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
