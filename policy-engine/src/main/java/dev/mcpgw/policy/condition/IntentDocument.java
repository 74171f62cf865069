package dev.mcpgw.policy.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgw.policy.RequestKind;
import dev.mcpgw.policy.ToolIntent;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The intent as the JSON document that condition fields point into: {@code request} (the MCP
 * method, e.g. {@code tools/call}), {@code tool} (the target's name or URI), {@code server},
 * {@code agent.id}, {@code agent.groups}, {@code agent.attributes.*}, {@code arguments.*},
 * {@code context.*} and {@code time} (ISO-8601 UTC event time). The names the best-known MCP
 * authorization product uses are there too, so its conditions work unchanged:
 * {@code action.type} ({@code mcp.<tool>} for a tool call; for another request its method and
 * target, {@code prompts/get:<name>}, so no condition written for tools matches it),
 * {@code action.parameters.*}, {@code action.server},
 * {@code principal.id}, {@code principal.roles} and {@code principal.attributes.*}.
 */
public final class IntentDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IntentDocument() {
    }

    public static JsonNode of(ToolIntent intent) {
        JsonNode arguments = intent.arguments() == null ? NODES.objectNode() : intent.arguments();
        ObjectNode doc = NODES.objectNode();
        doc.put("request", intent.request().wireName());
        doc.put("tool", intent.tool());
        doc.put("server", intent.server());
        doc.put("time", intent.eventTime().toString());
        doc.set("arguments", arguments);
        doc.set("context", strings(intent.context()));
        ObjectNode agent = doc.putObject("agent");
        agent.put("id", intent.agentId());
        agent.set("groups", list(intent.agentGroups()));
        agent.set("attributes", strings(intent.agentAttributes()));
        ObjectNode action = doc.putObject("action");
        action.put("type", intent.request() == RequestKind.TOOLS_CALL ? "mcp." + intent.tool() : intent.request().wireName() + ":" + intent.tool());
        action.put("server", intent.server());
        action.set("parameters", arguments);
        ObjectNode principal = doc.putObject("principal");
        principal.put("id", intent.agentId());
        principal.set("roles", list(intent.agentGroups()));
        principal.set("attributes", strings(intent.agentAttributes()));
        return doc;
    }

    private static JsonNode strings(Map<String, String> values) {
        ObjectNode node = NODES.objectNode();
        if (values != null) {
            values.forEach(node::put);
        }
        return node;
    }

    private static JsonNode list(Set<String> values) {
        var array = NODES.arrayNode();
        if (values != null) {
            new TreeSet<>(values).forEach(array::add);
        }
        return array;
    }
}
