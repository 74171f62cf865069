package dev.mcpgw.demo;

import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo server's prompt, resources and completions, named after the server instance so that
 * tests fronting two instances can tell which one answered: prompt {@code greeting} (argument
 * {@code who}), resource {@code demo://<instance>/readme}, resource template
 * {@code demo://<instance>/notes/{topic}}, and completions for both arguments. With a call log,
 * every prompt, read and completion that reaches the server appends a line to it
 * ({@code prompt:greeting}, {@code resource:<uri>}, {@code complete:<prompt or template>}).
 */
public final class DemoContent {
    private DemoContent() {
    }

    public static List<SyncPromptSpecification> prompts(String instance, Path callLog) {
        var prompt = new McpSchema.Prompt("greeting", "Greets someone.",
                List.of(new McpSchema.PromptArgument("who", "Whom to greet", true)));
        return List.of(new SyncPromptSpecification(prompt, (exchange, request) -> {
            DemoTools.record(callLog, "prompt:greeting", request.arguments() == null ? Map.of() : request.arguments());
            return new McpSchema.GetPromptResult("A greeting", List.of(new McpSchema.PromptMessage(McpSchema.Role.USER,
                    new McpSchema.TextContent("Hello, " + request.arguments().get("who") + ", from " + instance))));
        }));
    }

    public static List<SyncResourceSpecification> resources(String instance, Path callLog) {
        String uri = "demo://" + instance + "/readme";
        var resource = McpSchema.Resource.builder().uri(uri).name("readme").mimeType("text/plain").build();
        return List.of(new SyncResourceSpecification(resource, (exchange, request) -> {
            DemoTools.record(callLog, "resource:" + uri, Map.of());
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, "text/plain", "README of " + instance)));
        }));
    }

    public static List<SyncResourceTemplateSpecification> resourceTemplates(String instance, Path callLog) {
        var template = McpSchema.ResourceTemplate.builder(notesTemplate(instance), "notes").mimeType("text/plain").build();
        return List.of(new SyncResourceTemplateSpecification(template, (exchange, request) -> {
            DemoTools.record(callLog, "resource:" + request.uri(), Map.of());
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(request.uri(), "text/plain",
                    "Notes on " + request.uri().substring(request.uri().lastIndexOf('/') + 1) + " from " + instance)));
        }));
    }

    /** Names for {@code who} and topics for the notes, each ending in the instance name, filtered by what was typed. */
    public static List<SyncCompletionSpecification> completions(String instance, Path callLog) {
        return List.of(
                new SyncCompletionSpecification(new McpSchema.PromptReference("greeting"), (exchange, request) -> {
                    DemoTools.record(callLog, "complete:greeting", Map.of());
                    return complete(request, List.of("Ada", "Alan", "Grace"), instance);
                }),
                new SyncCompletionSpecification(new McpSchema.ResourceReference(notesTemplate(instance)), (exchange, request) -> {
                    DemoTools.record(callLog, "complete:" + notesTemplate(instance), Map.of());
                    return complete(request, List.of("kafka", "mcp"), instance);
                }));
    }

    private static String notesTemplate(String instance) {
        return "demo://" + instance + "/notes/{topic}";
    }

    private static McpSchema.CompleteResult complete(McpSchema.CompleteRequest request, List<String> candidates, String instance) {
        String typed = request.argument().value() == null ? "" : request.argument().value();
        return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(
                candidates.stream().filter(c -> c.startsWith(typed)).map(c -> c + "@" + instance).toList()));
    }
}
