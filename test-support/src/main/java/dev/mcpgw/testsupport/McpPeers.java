package dev.mcpgw.testsupport;

import dev.mcpgw.demo.DemoServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Real MCP peers for tests: the demo SDK server as a child process, and the SDK's HTTP client. */
public final class McpPeers {
    private McpPeers() {
    }

    /** How to launch the demo server over stdio: this JVM's java, this test classpath. */
    public record StdioCommand(String command, List<String> args, Map<String, String> env) {
    }

    public static StdioCommand demoServer(Path callLog) {
        return demoServer(callLog, "demo");
    }

    /** A demo server whose prompt text and resource URI carry {@code instance}. */
    public static StdioCommand demoServer(Path callLog, String instance) {
        return new StdioCommand(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("-Xmx128m", "-cp", System.getProperty("java.class.path"), DemoServer.class.getName()),
                Map.of(DemoServer.CALL_LOG_ENV, callLog.toString(), DemoServer.NAME_ENV, instance));
    }

    /** The tool calls that reached a demo server, one line each. */
    public static List<String> callsReceived(Path callLog) {
        try {
            return Files.exists(callLog) ? Files.readAllLines(callLog) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An initialized MCP Java SDK client talking Streamable HTTP to {@code endpoint} with an API key. */
    public static McpSyncClient httpClient(String baseUrl, String endpoint, String apiKey) {
        return httpClient(baseUrl, endpoint, apiKey, UnaryOperator.identity());
    }

    /** The same, built with whatever else {@code customize} sets on the client (notification consumers, say). */
    public static McpSyncClient httpClient(String baseUrl, String endpoint, String apiKey, UnaryOperator<McpClient.SyncSpec> customize) {
        var transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint(endpoint)
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + apiKey))
                .build();
        McpSyncClient client = customize.apply(McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))).build();
        client.initialize();
        return client;
    }
}
