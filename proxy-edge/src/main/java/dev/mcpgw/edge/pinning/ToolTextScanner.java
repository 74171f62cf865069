package dev.mcpgw.edge.pinning;

import dev.mcpgw.policy.scan.Detector;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Looks for text aimed at the model in what clients see of a tool: hidden characters (see
 * {@link HiddenCharacters}) and instruction-like text (the policy engine's {@code prompt_injection}
 * detector, run on the text with hidden characters removed so that they cannot split a phrase).
 * It reads the title and description, and every key and string of the annotations and of the
 * input and output schema. Callers pass definitions {@link ToolDefinition} accepted, whose depth is bounded.
 */
public final class ToolTextScanner {
    public static final String MARK = "[removed by the gateway]";
    private static final List<String> TEXT_FIELDS = List.of("title", "description");
    private static final List<String> NESTED_FIELDS = List.of("annotations", "inputSchema", "outputSchema");

    private ToolTextScanner() {
    }

    /** One line per field that holds something, e.g. "description: tag characters, prompt_injection (override-instructions)"; empty when clean. */
    public static List<String> findingsIn(JsonObject tool) {
        List<String> findings = new ArrayList<>();
        for (String field : TEXT_FIELDS) {
            Object value = tool.getValue(field);
            if (value != null && !(value instanceof String)) {
                findings.add(field + ": not text");
            }
        }
        for (String field : concat(TEXT_FIELDS, NESTED_FIELDS)) {
            Set<String> kinds = new LinkedHashSet<>();
            collect(tool.getValue(field), kinds);
            if (!kinds.isEmpty()) {
                findings.add(field + ": " + String.join(", ", kinds));
            }
        }
        return findings;
    }

    /** A copy of {@code tool} with hidden characters removed and flagged text replaced by {@link #MARK}; a title or description that is not text is dropped. */
    public static JsonObject sanitised(JsonObject tool) {
        JsonObject copy = tool.copy();
        for (String field : TEXT_FIELDS) {
            if (copy.containsKey(field)) {
                if (copy.getValue(field) instanceof String text) {
                    copy.put(field, clean(text));
                } else {
                    copy.remove(field);
                }
            }
        }
        NESTED_FIELDS.stream().filter(copy::containsKey).forEach(field -> copy.put(field, cleaned(copy.getValue(field))));
        return copy;
    }

    private static void collect(Object value, Set<String> kinds) {
        if (value instanceof String text) {
            kinds.addAll(HiddenCharacters.kindsIn(text));
            Detector.PROMPT_INJECTION.kindsIn(HiddenCharacters.removed(text)).forEach(kind -> kinds.add("prompt_injection (" + kind + ")"));
        } else if (value instanceof JsonObject object) {
            object.fieldNames().forEach(key -> {
                collect(key, kinds);
                collect(object.getValue(key), kinds);
            });
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                collect(array.getValue(i), kinds);
            }
        }
    }

    private static Object cleaned(Object value) {
        if (value instanceof String text) {
            return clean(text);
        }
        if (value instanceof JsonObject object) {
            JsonObject copy = new JsonObject();
            object.fieldNames().forEach(key -> copy.put(clean(key), cleaned(object.getValue(key))));
            return copy;
        }
        if (value instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            for (int i = 0; i < array.size(); i++) {
                copy.add(cleaned(array.getValue(i)));
            }
            return copy;
        }
        return value;
    }

    private static String clean(String text) {
        return Detector.PROMPT_INJECTION.replacedIn(HiddenCharacters.removed(text), MARK);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
