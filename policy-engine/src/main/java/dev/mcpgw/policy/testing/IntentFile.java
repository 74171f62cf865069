package dev.mcpgw.policy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One request as a person writes it in a test case or on the command line: who sends it, to which
 * server, about which target ({@code tool}, {@code prompt}, {@code resource} or {@code completion},
 * exactly one; {@code request} names the MCP method where the target alone does not, as for
 * resources/subscribe), with which arguments, at which event time, in which context.
 */
record IntentFile(AgentFile agent, String server, String tool, String prompt, String resource, String completion, String request,
                  JsonNode arguments, String time, Map<String, String> context) {

    record AgentFile(String id, List<String> groups, Map<String, String> attributes) {
    }
}
