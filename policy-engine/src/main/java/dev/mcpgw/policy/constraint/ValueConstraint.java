package dev.mcpgw.policy.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** One test on an argument's value; a violation says in words why the value fails it. */
public interface ValueConstraint {

    /** Empty when {@code value} (present, never null) passes. */
    Optional<String> violation(JsonNode value);

    /** How a value is quoted in a reason: short, so a reason never carries a whole document. */
    static String quote(JsonNode value) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        return "'" + (text.length() > 80 ? text.substring(0, 77) + "..." : text) + "'";
    }
}
