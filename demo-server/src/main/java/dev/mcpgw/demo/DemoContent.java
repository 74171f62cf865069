package dev.mcpgw.demo;

import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * The demo server's prompt and resource, named after the server instance so that tests fronting
 * two instances can tell which one answered: prompt {@code greeting} (argument {@code who}) and
 * resource {@code demo://<instance>/readme}.
 */
public final class DemoContent {
    private DemoContent() {
    }

    public static List<SyncPromptSpecification> prompts(String instance) {
        var prompt = new McpSchema.Prompt("greeting", "Greets someone.",
                List.of(new McpSchema.PromptArgument("who", "Whom to greet", true)));
        return List.of(new SyncPromptSpecification(prompt, (exchange, request) -> new McpSchema.GetPromptResult("A greeting",
                List.of(new McpSchema.PromptMessage(McpSchema.Role.USER,
                        new McpSchema.TextContent("Hello, " + request.arguments().get("who") + ", from " + instance))))));
    }

    public static List<SyncResourceSpecification> resources(String instance) {
        String uri = "demo://" + instance + "/readme";
        var resource = McpSchema.Resource.builder().uri(uri).name("readme").mimeType("text/plain").build();
        return List.of(new SyncResourceSpecification(resource, (exchange, request) -> new McpSchema.ReadResourceResult(
                List.of(new McpSchema.TextResourceContents(uri, "text/plain", "README of " + instance)))));
    }
}
