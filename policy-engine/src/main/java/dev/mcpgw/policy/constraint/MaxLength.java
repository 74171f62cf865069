package dev.mcpgw.policy.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A string argument of at most so many characters (code points, so an emoji counts once). */
public record MaxLength(int max) implements ValueConstraint {

    @Override
    public Optional<String> violation(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.of("must be a string");
        }
        int length = value.textValue().codePointCount(0, value.textValue().length());
        return length <= max ? Optional.empty() : Optional.of("is " + length + " characters long, more than " + max);
    }
}
