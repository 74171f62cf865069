package dev.mcpgw.edge.downstream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool server spawned as a child process, speaking newline-delimited JSON-RPC on its stdin and
 * stdout. Pipe reads and writes block, so each has its own thread; everything they produce is
 * handed to the edge's event loop. A line on stdout over the server's cap
 * ({@link DownstreamSpec#maxMessageBytes}) breaks the server: which request it answered cannot be
 * told before its end (the id may follow the result), and a server writing without end would keep
 * the reader busy for ever, so the process is stopped, its calls fail at once naming the cap, and
 * it is started again like any lost server. Its stderr, being its log, keeps lines of at most
 * {@link #MAX_LOG_LINE_BYTES}; longer ones are dropped.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio">Transports, stdio</a>
 */
public final class StdioDownstream extends JsonRpcDownstream {
    private static final Logger LOG = LoggerFactory.getLogger(StdioDownstream.class);
    static final int MAX_LOG_LINE_BYTES = 64 * 1024;
    private static final int READ_CHUNK_BYTES = 64 * 1024;
    /** Enough of a line that is not JSON-RPC to see what it was, without copying a message of megabytes into the log. */
    private static final int MAX_QUOTED_CHARS = 500;

    private final ExecutorService writer;
    private Process process;
    private OutputStream stdin;

    /** All calls must be made on {@code context}, where every answer is delivered too. */
    public StdioDownstream(DownstreamSpec spec, Context context, Duration requestTimeout) {
        this(spec, context, requestTimeout, () -> { });
    }

    /** The same, telling {@code messageTooLarge} of each line over the server's cap. */
    public StdioDownstream(DownstreamSpec spec, Context context, Duration requestTimeout, Runnable messageTooLarge) {
        super(spec, context, requestTimeout, messageTooLarge);
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
        AtomicBoolean overCap = new AtomicBoolean();
        BoundedLines lines = new BoundedLines(spec.maxMessageBytes(), this::deliver, () -> overCap.set(true));
        try (InputStream stdout = process.getInputStream()) {
            byte[] chunk = new byte[READ_CHUNK_BYTES];
            int read;
            while (!overCap.get() && (read = stdout.read(chunk)) >= 0) {
                lines.feed(chunk, read);
            }
        } catch (IOException e) {
            LOG.debug("stdout of {} closed", spec.name(), e);
        }
        if (overCap.get()) {
            process.destroyForcibly();
            context.runOnContext(v -> lost(tooLarge("a line on stdout longer than that") + "; stopped, to be started again"));
        } else {
            String reason = "process exited" + (process.isAlive() ? "" : " with code " + process.exitValue());
            context.runOnContext(v -> lost(reason));
        }
    }

    private void deliver(String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            JsonObject message = new JsonObject(line);
            context.runOnContext(v -> peer.receive(message, null));
        } catch (DecodeException | ClassCastException e) {
            LOG.warn("tool server {} wrote a line that is not a JSON-RPC message: {}", spec.name(),
                    line.length() <= MAX_QUOTED_CHARS ? line : line.substring(0, MAX_QUOTED_CHARS) + "…");
        }
    }

    /** A tool server's stderr is its log: kept at INFO, since it is where its own failures show. */
    private void logStderr() {
        BoundedLines lines = new BoundedLines(MAX_LOG_LINE_BYTES, line -> LOG.info("[{} stderr] {}", spec.name(), line),
                () -> LOG.warn("[{} stderr] (a line longer than {} bytes, dropped)", spec.name(), MAX_LOG_LINE_BYTES));
        try (InputStream stderr = process.getErrorStream()) {
            byte[] chunk = new byte[READ_CHUNK_BYTES];
            int read;
            while ((read = stderr.read(chunk)) >= 0) {
                lines.feed(chunk, read);
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
