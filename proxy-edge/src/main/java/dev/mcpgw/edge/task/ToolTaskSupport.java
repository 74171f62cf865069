package dev.mcpgw.edge.task;

import dev.mcpgw.edge.mcp.ProtocolVersions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Marks each listed tool {@code execution.taskSupport: optional} for a 2025-11-25 session: its
 * clients may call any tool as a task only when the tool says so, and the gateway runs every
 * task itself (the server behind it gets a plain call), so every tool may be called either way.
 */
public final class ToolTaskSupport {
    private ToolTaskSupport() {
    }

    public static JsonObject marked(JsonObject toolsList, String protocolVersion) {
        if (!ProtocolVersions.V2025_11_25.equals(protocolVersion)) {
            return toolsList;
        }
        // Copies: the listed definitions are the catalog's own.
        JsonArray marked = new JsonArray();
        toolsList.getJsonArray("tools").forEach(tool -> {
            if (tool instanceof JsonObject definition) {
                JsonObject copy = definition.copy();
                JsonObject execution = copy.getValue("execution") instanceof JsonObject e ? e : new JsonObject();
                marked.add(copy.put("execution", execution.put("taskSupport", "optional")));
            } else {
                marked.add(tool);
            }
        });
        return toolsList.copy().put("tools", marked);
    }
}
