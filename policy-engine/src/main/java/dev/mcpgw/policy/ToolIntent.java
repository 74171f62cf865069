package dev.mcpgw.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;

/**
 * What the engine judges: who (already authenticated) wants to call which tool on which server,
 * with which arguments, at which event time. Event time, not the wall clock, so replay agrees.
 */
public record ToolIntent(String agentId, Set<String> agentGroups, String server, String tool, JsonNode arguments, Instant eventTime) {
}
