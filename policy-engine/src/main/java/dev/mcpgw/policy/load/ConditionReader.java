package dev.mcpgw.policy.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.policy.condition.Condition;
import dev.mcpgw.policy.condition.Operator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a condition tree: an object with exactly one of {@code all} (a list), {@code any} (a
 * list), {@code not} (a condition), or a leaf {@code {field, operator, value}}.
 */
final class ConditionReader {
    private static final Set<String> LEAF_KEYS = Set.of("field", "operator", "value");

    private ConditionReader() {
    }

    /** The condition, or null after adding what is wrong to {@code problems}. */
    static Condition read(JsonNode node, String pointer, Problems problems) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            problems.add(pointer, "a condition must be a mapping with all, any, not, or field and operator");
            return null;
        }
        if (node.has("all") || node.has("any")) {
            String key = node.has("all") ? "all" : "any";
            if (node.size() != 1 || !node.get(key).isArray() || node.get(key).isEmpty()) {
                problems.add(pointer, key + " must be the only key, with a non-empty list of conditions");
                return null;
            }
            List<Condition> children = new ArrayList<>();
            for (int i = 0; i < node.get(key).size(); i++) {
                children.add(read(node.get(key).get(i), pointer + "/" + key + "/" + i, problems));
            }
            if (children.contains(null)) {
                return null;
            }
            return key.equals("all") ? new Condition.All(children) : new Condition.Any(children);
        }
        if (node.has("not")) {
            if (node.size() != 1) {
                problems.add(pointer, "not must be the only key");
                return null;
            }
            Condition inner = read(node.get("not"), pointer + "/not", problems);
            return inner == null ? null : new Condition.Not(inner);
        }
        return leaf(node, pointer, problems);
    }

    private static Condition leaf(JsonNode node, String pointer, Problems problems) {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!LEAF_KEYS.contains(key)) {
                problems.add(pointer + "/" + key, "unknown key '" + key + "' (all, any, not, or field, operator, value)");
                return null;
            }
        }
        if (!node.path("field").isTextual() || node.path("field").textValue().isBlank()) {
            problems.add(pointer, "field is required: a dot path into the intent, such as arguments.path");
            return null;
        }
        if (!node.path("operator").isTextual()) {
            problems.add(pointer, "operator is required");
            return null;
        }
        Operator operator;
        try {
            operator = Operator.of(node.get("operator").textValue());
        } catch (IllegalArgumentException e) {
            problems.add(pointer + "/operator", e.getMessage());
            return null;
        }
        try {
            return Condition.Leaf.of(node.get("field").textValue(), operator, node.get("value"));
        } catch (IllegalArgumentException e) {
            problems.add(pointer + (node.has("value") ? "/value" : "/operator"), e.getMessage());
            return null;
        }
    }
}
