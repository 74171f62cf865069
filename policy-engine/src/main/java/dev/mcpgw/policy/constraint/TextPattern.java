package dev.mcpgw.policy.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import java.util.Optional;

/** A string argument that must match a regular expression in full (RE2 semantics: see LinearPattern). */
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
