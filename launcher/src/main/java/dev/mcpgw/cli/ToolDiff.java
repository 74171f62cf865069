package dev.mcpgw.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What changed between two tool definitions, one line per field that differs, named by its path
 * ({@code inputSchema.properties.path.description}): {@code changed: "old" -> "new"},
 * {@code added: value} or {@code removed: value}. Long values are cut, so that a huge
 * description cannot flood an operator's terminal.
 */
final class ToolDiff {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 120;

    private ToolDiff() {
    }

    static List<String> between(String pinned, String changed) {
        if (pinned == null) {
            return List.of("(the pinned definition was never seen: the config pins it by hash alone)");
        }
        try {
            List<String> lines = new ArrayList<>();
            diff("", JSON.readTree(pinned), JSON.readTree(changed), lines);
            return lines;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return List.of("(a recorded definition is not JSON: compare the hashes)");
        }
    }

    private static void diff(String path, JsonNode before, JsonNode after, List<String> lines) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String at = path.isEmpty() ? key : path + "." + key;
                if (!after.has(key)) {
                    lines.add(at + " removed: " + shown(before.get(key)));
                } else if (!before.has(key)) {
                    lines.add(at + " added: " + shown(after.get(key)));
                } else {
                    diff(at, before.get(key), after.get(key), lines);
                }
            }
            return;
        }
        lines.add((path.isEmpty() ? "definition" : path) + " changed: " + shown(before) + " -> " + shown(after));
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "… (" + text.length() + " characters)";
    }
}
