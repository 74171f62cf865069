package dev.mcpgw.demo;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo tools, whatever the transport: {@code echo}, {@code add}, {@code count_slowly} (which
 * reports progress when asked to, and logs) and {@code delete_file} (which the starter policy
 * denies). With a call log, every call that reaches a tool appends one line
 * {@code tool<TAB>arguments} to it: tests count those lines to prove a denied call never arrived.
 */
public final class DemoTools {
    private DemoTools() {
    }

    public static List<SyncToolSpecification> all(Path callLog) {
        return List.of(
                tool("echo", "Echoes its text back.", Map.of("text", "string"), callLog,
                        a -> String.valueOf(a.get("text"))),
                tool("add", "Adds two numbers.", Map.of("a", "number", "b", "number"), callLog,
                        a -> String.valueOf(number(a.get("a")) + number(a.get("b")))),
                tool("delete_file", "Pretends to delete a file.", Map.of("path", "string"), callLog,
                        a -> "deleted " + a.get("path")),
                countSlowly(callLog));
    }

    /**
     * Counts to {@code to}, one step every 20 ms, sending a progress notification per step when the
     * call has a progress token, and an info log message when done.
     */
    private static SyncToolSpecification countSlowly(Path callLog) {
        var tool = McpSchema.Tool.builder().name("count_slowly").description("Counts to a number, reporting progress.")
                .inputSchema(Map.of("type", "object", "properties", Map.of("to", Map.of("type", "integer")), "required", List.of("to")))
                .build();
        return new SyncToolSpecification(tool, (exchange, request) -> {
            record(callLog, "count_slowly", request.arguments());
            int to = (int) number(request.arguments().get("to"));
            for (int i = 1; i <= to; i++) {
                pause();
                if (request.progressToken() != null) {
                    exchange.progressNotification(new McpSchema.ProgressNotification(request.progressToken(), i, (double) to, "counted " + i));
                }
            }
            exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder()
                    .level(McpSchema.LoggingLevel.INFO).logger("count_slowly").data("counted to " + to).build());
            return CallToolResult.builder().addTextContent("counted to " + to).isError(false).build();
        });
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, String> properties,
                                              Path callLog, Function<Map<String, Object>, String> body) {
        // Sorted: Map.of iterates in an order that differs from one JVM to the next, and a definition
        // that differs from one start to the next is a changed one to the gateway, which holds it back.
        Map<String, Object> schema = Map.of(
                "type", "object",
                "properties", properties.entrySet().stream().collect(Collectors.toMap(
                        Map.Entry::getKey, e -> Map.of("type", e.getValue()))),
                "required", properties.keySet().stream().sorted().toList());
        var tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(schema).build();
        return new SyncToolSpecification(tool, (exchange, request) -> {
            Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
            record(callLog, name, arguments);
            return CallToolResult.builder().addTextContent(body.apply(arguments)).isError(false).build();
        });
    }

    /** Appends one line to the call log (no log, nothing): what reached the server, for tests to check. */
    static synchronized void record(Path callLog, String tool, Map<String, Object> arguments) {
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
