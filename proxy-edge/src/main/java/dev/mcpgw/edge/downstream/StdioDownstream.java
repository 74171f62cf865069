package dev.mcpgw.edge.downstream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool server spawned as a child process, speaking newline-delimited JSON-RPC on its stdin and
 * stdout. Pipe reads and writes block, so each has its own thread; everything they produce is
 * handed to the edge's event loop.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio">Transports, stdio</a>
 */
public final class StdioDownstream implements DownstreamClient {
    private static final Logger LOG = LoggerFactory.getLogger(StdioDownstream.class);

    private final DownstreamSpec spec;
    private final Vertx vertx;
    private final Context context;
    private final JsonRpcPeer peer;
    private final ExecutorService writer;
    private Process process;
    private OutputStream stdin;
    private JsonObject initializeResult;
    private Future<Void> closing;

    /** All calls must be made on {@code context}, where every answer is delivered too. */
    public StdioDownstream(DownstreamSpec spec, Context context, Duration requestTimeout) {
        this.spec = spec;
        this.vertx = context.owner();
        this.context = context;
        this.peer = new JsonRpcPeer(spec.name(), vertx, requestTimeout, this::send);
        this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "stdio-writer-" + spec.name()));
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Future<JsonObject> start() {
        return vertx.executeBlocking(this::spawn, false)
                .compose(v -> Handshake.initialize(this))
                .onSuccess(result -> initializeResult = result);
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
        context.runOnContext(v -> peer.close(reason));
    }

    private void deliver(String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            JsonObject message = new JsonObject(line);
            context.runOnContext(v -> peer.receive(message));
        } catch (DecodeException | ClassCastException e) {
            LOG.warn("tool server {} wrote a line that is not a JSON-RPC message: {}", spec.name(), line);
        }
    }

    private void logStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.debug("[{} stderr] {}", spec.name(), line);
            }
        } catch (IOException e) {
            LOG.debug("stderr of {} closed", spec.name(), e);
        }
    }

    private void send(JsonObject message) {
        byte[] line = (message.encode() + "\n").getBytes(StandardCharsets.UTF_8);
        writer.execute(() -> {
            try {
                stdin.write(line);
                stdin.flush();
            } catch (IOException e) {
                context.runOnContext(v -> peer.close("cannot write to its stdin: " + e.getMessage()));
            }
        });
    }

    @Override
    public Future<JsonObject> request(String method, JsonObject params) {
        return peer.request(method, params);
    }

    @Override
    public void notify(String method, JsonObject params) {
        peer.notify(method, params);
    }

    @Override
    public void onNotification(Consumer<JsonObject> handler) {
        peer.onNotification(handler);
    }

    @Override
    public JsonObject initializeResult() {
        return initializeResult;
    }

    /** Closes stdin, then waits for the process to exit: SIGTERM after 3 s, SIGKILL after 2 more. Idempotent. */
    @Override
    public Future<Void> close() {
        if (closing == null) {
            peer.close("gateway shutting down");
            closing = vertx.executeBlocking(this::stopProcess, false);
        }
        return closing;
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
