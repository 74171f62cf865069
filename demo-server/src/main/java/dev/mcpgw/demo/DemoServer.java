package dev.mcpgw.demo;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo tool server the gateway fronts by default: the official MCP Java SDK over stdio, with
 * tools {@code echo}, {@code add} and {@code delete_file} (which the starter policy denies). When
 * {@code DEMO_CALL_LOG} names a file, every call that reaches a tool appends one line
 * {@code tool<TAB>arguments} to it: tests count those lines to prove a denied call never arrived.
 */
public final class DemoServer {
    public static final String CALL_LOG_ENV = "DEMO_CALL_LOG";

    private DemoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path callLog = System.getenv(CALL_LOG_ENV) == null ? null : Path.of(System.getenv(CALL_LOG_ENV));
        CountDownLatch inputClosed = new CountDownLatch(1);
        var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), new EndOfInputSignal(System.in, inputClosed::countDown), System.out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("mcpgw-demo-server", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(
                        tool("echo", "Echoes its text back.", Map.of("text", "string"), callLog,
                                a -> String.valueOf(a.get("text"))),
                        tool("add", "Adds two numbers.", Map.of("a", "number", "b", "number"), callLog,
                                a -> String.valueOf(number(a.get("a")) + number(a.get("b")))),
                        tool("delete_file", "Pretends to delete a file.", Map.of("path", "string"), callLog,
                                a -> "deleted " + a.get("path")))
                .build();
        // A stdio server exits when its client closes stdin (MCP stdio shutdown); the SDK alone would keep the JVM up.
        inputClosed.await();
        server.closeGracefully();
        System.exit(0);
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, String> properties,
                                              Path callLog, Function<Map<String, Object>, String> body) {
        Map<String, Object> schema = Map.of(
                "type", "object",
                "properties", properties.entrySet().stream().collect(Collectors.toMap(
                        Map.Entry::getKey, e -> Map.of("type", e.getValue()))),
                "required", List.copyOf(properties.keySet()));
        var tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(schema).build();
        return new SyncToolSpecification(tool, (exchange, request) -> {
            Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
            record(callLog, name, arguments);
            return CallToolResult.builder().addTextContent(body.apply(arguments)).isError(false).build();
        });
    }

    private static synchronized void record(Path callLog, String tool, Map<String, Object> arguments) {
        if (callLog == null) {
            return;
        }
        try {
            Files.writeString(callLog, tool + "\t" + arguments + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
    }
}
