package dev.mcpgw.edge.downstream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool server spawned as a child process, speaking newline-delimited JSON-RPC on its stdin and
 * stdout. Pipe reads and writes block, so each has its own thread; everything they produce is
 * handed to the edge's event loop.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio">Transports, stdio</a>
 */
public final class StdioDownstream extends JsonRpcDownstream {
    private static final Logger LOG = LoggerFactory.getLogger(StdioDownstream.class);

    private final ExecutorService writer;
    private Process process;
    private OutputStream stdin;

    /** All calls must be made on {@code context}, where every answer is delivered too. */
    public StdioDownstream(DownstreamSpec spec, Context context, Duration requestTimeout) {
        super(spec, context, requestTimeout);
        this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "stdio-writer-" + spec.name()));
    }

    @Override
    protected Future<Void> connect() {
        return context.owner().executeBlocking(this::spawn, false);
    }

    private Void spawn() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(spec.command());
        command.addAll(spec.args() == null ? List.of() : spec.args());
        ProcessBuilder builder = new ProcessBuilder(command);
        if (spec.env() != null) {
            builder.environment().putAll(spec.env());
        }
        process = builder.start();
        stdin = process.getOutputStream();
        daemon(this::readStdout, "stdio-reader-" + spec.name()).start();
        daemon(this::logStderr, "stdio-stderr-" + spec.name()).start();
        LOG.info("started tool server {} (pid {}): {}", spec.name(), process.pid(), spec.command());
        LOG.debug("tool server {} command line: {}", spec.name(), command);
        return null;
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                deliver(line);
            }
        } catch (IOException e) {
            LOG.debug("stdout of {} closed", spec.name(), e);
        }
        String reason = "process exited" + (process.isAlive() ? "" : " with code " + process.exitValue());
        context.runOnContext(v -> lost(reason));
    }

    private void deliver(String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            JsonObject message = new JsonObject(line);
            context.runOnContext(v -> peer.receive(message, null));
        } catch (DecodeException | ClassCastException e) {
            LOG.warn("tool server {} wrote a line that is not a JSON-RPC message: {}", spec.name(), line);
        }
    }

    /** A tool server's stderr is its log: kept at INFO, since it is where its own failures show. */
    private void logStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.info("[{} stderr] {}", spec.name(), line);
            }
        } catch (IOException e) {
            LOG.debug("stderr of {} closed", spec.name(), e);
        }
    }

    @Override
    protected void send(JsonObject message) {
        byte[] line = (message.encode() + "\n").getBytes(StandardCharsets.UTF_8);
        writer.execute(() -> {
            try {
                stdin.write(line);
                stdin.flush();
            } catch (IOException e) {
                context.runOnContext(v -> lost("cannot write to its stdin: " + e.getMessage()));
            }
        });
    }

    /** Closes stdin, then waits for the process to exit: SIGTERM after 3 s, SIGKILL after 2 more. */
    @Override
    protected Future<Void> disconnect() {
        return context.owner().executeBlocking(this::stopProcess, false);
    }

    private Void stopProcess() throws IOException, InterruptedException {
        writer.shutdown();
        if (process != null) {
            process.getOutputStream().close();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(2, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
        }
        return null;
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
