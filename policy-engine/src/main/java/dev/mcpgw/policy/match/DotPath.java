package dev.mcpgw.policy.match;

import com.fasterxml.jackson.databind.JsonNode;

/** Dot paths into a JSON document: {@code a.b.c}; a numeric segment indexes an array. */
public final class DotPath {
    private DotPath() {
    }

    /** The node at {@code path}, or null when any segment is missing (JSON null counts as missing). */
    public static JsonNode resolve(JsonNode root, String path) {
        JsonNode node = root;
        for (String segment : path.split("\\.", -1)) {
            if (node == null) {
                return null;
            }
            node = node.isArray() && segment.chars().allMatch(Character::isDigit) && !segment.isEmpty()
                    ? node.get(Integer.parseInt(segment)) : node.get(segment);
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
