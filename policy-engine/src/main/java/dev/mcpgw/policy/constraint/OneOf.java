package dev.mcpgw.policy.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** An argument whose value must equal one of a list (JSON equality; 1 and 1.0 are equal numbers). */
public record OneOf(List<JsonNode> allowed) implements ValueConstraint {

    @Override
    public Optional<String> violation(JsonNode value) {
        boolean listed = allowed.stream().anyMatch(a -> a.equals(value)
                || (a.isNumber() && value.isNumber() && a.decimalValue().compareTo(value.decimalValue()) == 0));
        return listed ? Optional.empty() : Optional.of(ValueConstraint.quote(value) + " is not one of " + allowed);
    }
}
