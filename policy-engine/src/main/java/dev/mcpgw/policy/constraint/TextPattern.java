package dev.mcpgw.policy.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Pattern;

/** A string argument that must match a regular expression in full. */
public record TextPattern(Pattern pattern) implements ValueConstraint {

    @Override
    public Optional<String> violation(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.of("must be a string");
        }
        return pattern.matcher(value.textValue()).matches() ? Optional.empty()
                : Optional.of(ValueConstraint.quote(value) + " does not match " + pattern.pattern());
    }
}
