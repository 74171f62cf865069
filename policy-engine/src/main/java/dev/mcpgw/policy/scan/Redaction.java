package dev.mcpgw.policy.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/** Replaces the argument values a detector flagged, so that a receipt can record the call without the secret. */
public final class Redaction {
    public static final String MARK = "[redacted by the gateway]";

    private Redaction() {
    }

    /** A copy of {@code arguments} with the value at each dot path replaced by {@link #MARK}. */
    public static JsonNode apply(JsonNode arguments, List<String> paths) {
        JsonNode copy = arguments.deepCopy();
        for (String path : paths) {
            replace(copy, path.split("\\."));
        }
        return copy;
    }

    private static void replace(JsonNode root, String[] segments) {
        JsonNode parent = root;
        for (int i = 0; i < segments.length - 1 && parent != null; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(segments[i])) : parent.get(segments[i]);
        }
        String last = segments[segments.length - 1];
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.set(last, TextNode.valueOf(MARK));
        } else if (parent instanceof ArrayNode array && Integer.parseInt(last) < array.size()) {
            array.set(Integer.parseInt(last), TextNode.valueOf(MARK));
        }
    }
}
