package dev.mcpgw.stream.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.schemas.Intent;
import java.time.Instant;
import java.util.Set;

/** Turns the wire intent into the policy engine's own model. */
final class IntentMapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IntentMapper() {
    }

    static ToolIntent toToolIntent(Intent intent) throws JsonProcessingException {
        return ToolIntent.of(
                intent.getAgent().getId(),
                Set.copyOf(intent.getAgent().getGroups()),
                intent.getServer(),
                intent.getTool(),
                JSON.readTree(intent.getArgumentsJson()),
                Instant.ofEpochMilli(intent.getEventTime()));
    }
}
