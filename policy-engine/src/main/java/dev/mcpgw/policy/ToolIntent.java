package dev.mcpgw.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the engine judges: who (already authenticated, with the groups and attributes the identity
 * config gives it) sends which request (a tool call, a prompt, a resource, a completion) about
 * which target on which server, with which arguments, at which event time, in which request
 * context (source address, protocol revision). Event time, not the wall clock, so replay agrees.
 * {@code tool} names the target: a tool's or prompt's name, a resource's URI, or what a completion
 * completes (its {@code ref} is in the arguments).
 */
public record ToolIntent(String agentId, Set<String> agentGroups, Map<String, String> agentAttributes,
                         String server, String tool, JsonNode arguments, Instant eventTime, Map<String, String> context,
                         RequestKind request) {

    /** A tool call. */
    public ToolIntent(String agentId, Set<String> agentGroups, Map<String, String> agentAttributes,
                      String server, String tool, JsonNode arguments, Instant eventTime, Map<String, String> context) {
        this(agentId, agentGroups, agentAttributes, server, tool, arguments, eventTime, context, RequestKind.TOOLS_CALL);
    }

    /** A tool call with no agent attributes and no request context. */
    public static ToolIntent of(String agentId, Set<String> agentGroups, String server, String tool, JsonNode arguments, Instant eventTime) {
        return new ToolIntent(agentId, agentGroups, Map.of(), server, tool, arguments, eventTime, Map.of());
    }
}
