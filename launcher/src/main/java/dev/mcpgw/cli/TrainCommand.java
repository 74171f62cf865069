package dev.mcpgw.cli;

import dev.mcpgw.launcher.ConfigLoader;
import dev.mcpgw.launcher.Gateway;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gateway train}: the run {@code ./gateway} records its ahead-of-time cache from on JDK 25
 * or newer. It starts the whole gateway as {@code up} does with the starter config (in a temporary
 * directory, on free ports, embedded Kafka whatever the environment says) and a policy like the
 * starter's whose rate limit the training stays under, calls the demo tool server through it in
 * both protocol eras (allowed and denied calls, several in flight), and stops. It fails when more
 * than one call in a hundred was not answered as that policy decides: a busy machine may time out
 * a few, which leaves the profiles as good, but a gateway that did not serve the calls taught the
 * JVM nothing worth keeping.
 */
@Command(name = "train", hidden = true, mixinStandardHelpOptions = true,
        description = "Run the gateway on a temporary directory with calls of both MCP eras, then stop (what ./gateway records its ahead-of-time cache from).")
final class TrainCommand implements Callable<Integer> {
    private static final String API_KEY = "training-key";
    private static final String SESSION_ERA = "2025-11-25";
    private static final String STATELESS_ERA = "2026-07-28";
    private static final int IN_FLIGHT = 8;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** More would only make the build's first run wait longer: the profiles stop changing long before. */
    private static final int MOST_CALLS = 100_000;
    private static final String POLICY = """
            version: train-1
            default: deny
            rules:
              - id: demo-echo
                effect: allow
                agents: ["group:demo"]
                servers: [demo]
                tools: [echo]
                arguments:
                  text: {maxLength: 2000}
                rateLimit: {requests: 1000000, window: 1m}
              - {id: no-deletes, effect: deny, tools: ["delete_*"]}
              - {id: no-secrets-out, effect: deny, scan: [secrets]}
            """;

    @Spec
    CommandSpec spec;

    @Option(names = "--calls", defaultValue = "3000", description = "Calls in each protocol era, 1 to 100000 (default ${DEFAULT-VALUE}).")
    int calls;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (calls < 1 || calls > MOST_CALLS) {
            err.println("--calls must be between 1 and " + MOST_CALLS + ", not " + calls);
            return 2;
        }
        Path dir = Files.createTempDirectory("mcpgw-train");
        try {
            Path config = starterIn(dir);
            // The servers take any free port when they listen: a port picked here ahead of time could be
            // taken meanwhile by one of the many connections the gateway's Kafka clients open as it starts.
            Map<String, String> env = Map.of("MCPGW_LISTEN", "127.0.0.1:0", "MCPGW_REVIEW_LISTEN", "127.0.0.1:0",
                    "MCPGW_KAFKA", "", "MCPGW_DEMO_API_KEY", API_KEY);
            try (Gateway gateway = Gateway.start(new ConfigLoader(name -> env.getOrDefault(name, System.getenv(name))).load(config))) {
                URI mcp = URI.create(gateway.mcpUrl());
                int failed = drive(i -> statelessCall(mcp, i)) + drive(sessionCalls(mcp));
                err.printf("trained on %d calls of each era, %d not answered as the policy decides%n", calls, failed);
                return failed <= 2 * calls / 100 ? 0 : 1;
            }
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    /** The starter config in {@code dir} with the training policy, their data kept there too, Kafka on a free port. */
    private static Path starterIn(Path dir) throws IOException {
        String config = starter("gateway.yaml").replace("data/", dir.resolve("data") + "/").replace("port: 19092", "port: " + freePort());
        Files.writeString(dir.resolve("policy.yaml"), POLICY);
        return Files.writeString(dir.resolve("gateway.yaml"), config);
    }

    /** Sends {@link #calls} calls, {@value #IN_FLIGHT} at a time; returns how many were not answered as expected. */
    private int drive(IntFunction<CompletableFuture<Boolean>> call) throws InterruptedException {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < calls; i++) {
            inFlight.acquire();
            call.apply(i).whenComplete((answered, error) -> {
                if (error != null || !answered) {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.acquire(IN_FLIGHT);
        return failed.get();
    }

    /** Every tenth call asks for a deletion, which the starter policy denies; the others echo. */
    private CompletableFuture<Boolean> statelessCall(URI mcp, int i) {
        JsonObject meta = new JsonObject()
                .put("io.modelcontextprotocol/protocolVersion", STATELESS_ERA)
                .put("io.modelcontextprotocol/clientCapabilities", new JsonObject());
        HttpRequest request = post(mcp, toolCall(i, meta))
                .header("MCP-Protocol-Version", STATELESS_ERA)
                .header("Mcp-Method", "tools/call")
                .header("Mcp-Name", tool(i))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> answered(response, i));
    }

    /** A session opened once; its calls are made as {@link #statelessCall} makes them, in the session era. */
    private IntFunction<CompletableFuture<Boolean>> sessionCalls(URI mcp) throws IOException, InterruptedException {
        JsonObject initialize = request(0, "initialize", new JsonObject()
                .put("protocolVersion", SESSION_ERA)
                .put("capabilities", new JsonObject())
                .put("clientInfo", new JsonObject().put("name", "gateway-train").put("version", "1")));
        HttpResponse<String> opened = http.send(post(mcp, initialize).build(), HttpResponse.BodyHandlers.ofString());
        String session = opened.headers().firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new IOException("initialize was answered without a session: " + opened.statusCode() + " " + opened.body()));
        JsonObject initialized = new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized");
        http.send(post(mcp, initialized).header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", SESSION_ERA).build(), HttpResponse.BodyHandlers.discarding());
        return i -> http.sendAsync(post(mcp, toolCall(i, null)).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", SESSION_ERA).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(response -> answered(response, i));
    }

    private static HttpRequest.Builder post(URI mcp, JsonObject body) {
        return HttpRequest.newBuilder(mcp).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    }

    private static JsonObject request(int id, String method, JsonObject params) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("method", method).put("params", params);
    }

    /** Call {@code i}: a deletion or an echo (see {@link #tool}), with {@code meta} as its {@code _meta} when not null. */
    private static JsonObject toolCall(int i, JsonObject meta) {
        JsonObject arguments = i % 10 == 9 ? new JsonObject().put("path", "/tmp/x" + i) : new JsonObject().put("text", "call " + i);
        JsonObject params = new JsonObject().put("name", tool(i)).put("arguments", arguments);
        if (meta != null) {
            params.put("_meta", meta);
        }
        return request(i + 1, "tools/call", params);
    }

    private static String tool(int i) {
        return i % 10 == 9 ? "demo__delete_file" : "demo__echo";
    }

    /** An echo comes back with its text; a deletion is refused with the policy's reason. */
    private static boolean answered(HttpResponse<String> response, int i) {
        String expected = i % 10 == 9 ? "\"isError\":true" : "call " + i + "\"";
        return response.statusCode() == 200 && response.body().contains(expected);
    }

    private static String starter(String name) throws IOException {
        try (InputStream in = TrainCommand.class.getResourceAsStream("/starter/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
