package dev.mcpgw.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the engine judges: who (already authenticated, with the groups and attributes the identity
 * config gives it) wants to call which tool on which server, with which arguments, at which event
 * time, in which request context (source address, protocol revision). Event time, not the wall
 * clock, so replay agrees.
 */
public record ToolIntent(String agentId, Set<String> agentGroups, Map<String, String> agentAttributes,
                         String server, String tool, JsonNode arguments, Instant eventTime, Map<String, String> context) {

    /** An intent with no agent attributes and no request context. */
    public static ToolIntent of(String agentId, Set<String> agentGroups, String server, String tool, JsonNode arguments, Instant eventTime) {
        return new ToolIntent(agentId, agentGroups, Map.of(), server, tool, arguments, eventTime, Map.of());
    }
}
