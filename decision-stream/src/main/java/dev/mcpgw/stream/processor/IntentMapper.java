package dev.mcpgw.stream.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.policy.RequestKind;
import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.policy.scan.ArgumentPlace;
import dev.mcpgw.policy.scan.Redaction;
import dev.mcpgw.schemas.Intent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.erdtman.jcs.JsonCanonicalizer;

/** Turns the wire intent into the policy engine's own model, and back with flagged arguments redacted. */
final class IntentMapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IntentMapper() {
    }

    static ToolIntent toToolIntent(Intent intent) throws JsonProcessingException {
        return new ToolIntent(
                intent.getAgent().getId(),
                Set.copyOf(intent.getAgent().getGroups()),
                Map.copyOf(intent.getAgent().getAttributes()),
                intent.getServer(),
                intent.getTool(),
                JSON.readTree(intent.getArgumentsJson()),
                Instant.ofEpochMilli(intent.getEventTime()),
                Map.copyOf(intent.getContext()),
                kind(intent.getKind()));
    }

    /** The request kind as the engine names it (by its MCP method). */
    static RequestKind kind(dev.mcpgw.schemas.RequestKind kind) {
        return switch (kind) {
            case TOOL_CALL -> RequestKind.TOOLS_CALL;
            case PROMPT_GET -> RequestKind.PROMPTS_GET;
            case RESOURCE_READ -> RequestKind.RESOURCES_READ;
            case RESOURCE_SUBSCRIBE -> RequestKind.RESOURCES_SUBSCRIBE;
            case COMPLETION -> RequestKind.COMPLETION_COMPLETE;
        };
    }

    /** The intent with the {@code places} redacted, its arguments still in RFC 8785 canonical form. */
    static Intent redacted(Intent intent, List<ArgumentPlace> places) {
        if (places.isEmpty()) {
            return intent;
        }
        try {
            // A decision that failed closed redacts the whole arguments, which may not even be JSON: no need to read them.
            JsonNode sent = places.contains(ArgumentPlace.WHOLE) ? null : JSON.readTree(intent.getArgumentsJson());
            String arguments = JSON.writeValueAsString(Redaction.apply(sent, places));
            return Intent.newBuilder(intent).setArgumentsJson(new JsonCanonicalizer(arguments).getEncodedString()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("arguments that were just decided could not be redacted", e);
        }
    }
}
