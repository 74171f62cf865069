package dev.mcpgw.policy.condition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.policy.match.DotPath;
import java.util.List;
import java.util.function.Predicate;

/**
 * A general condition over the intent document ({@link IntentDocument}): {@code all}, {@code any}
 * and {@code not} over leaf tests {@code {field, operator, value}}.
 */
public sealed interface Condition {

    boolean test(JsonNode intent);

    record All(List<Condition> conditions) implements Condition {
        @Override
        public boolean test(JsonNode intent) {
            return conditions.stream().allMatch(c -> c.test(intent));
        }
    }

    record Any(List<Condition> conditions) implements Condition {
        @Override
        public boolean test(JsonNode intent) {
            return conditions.stream().anyMatch(c -> c.test(intent));
        }
    }

    record Not(Condition condition) implements Condition {
        @Override
        public boolean test(JsonNode intent) {
            return !condition.test(intent);
        }
    }

    /** {@code field} is a dot path into the intent document. */
    record Leaf(String field, Operator operator, JsonNode value, Predicate<JsonNode> present) implements Condition {

        public static Leaf of(String field, Operator operator, JsonNode value) {
            return new Leaf(field, operator, value, operator.bind(value));
        }

        @Override
        public boolean test(JsonNode intent) {
            JsonNode actual = DotPath.resolve(intent, field);
            if (operator == Operator.EXISTS) {
                return (actual != null) == (value == null || value.asBoolean(true));
            }
            return actual != null && present.test(actual);
        }
    }
}
