package dev.mcpgw.policy.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/** A numeric argument within inclusive bounds (either may be absent). */
public record NumberRange(BigDecimal min, BigDecimal max) implements ValueConstraint {

    public NumberRange {
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min.toPlainString() + " is greater than max " + max.toPlainString());
        }
    }

    @Override
    public Optional<String> violation(JsonNode value) {
        if (!value.isNumber()) {
            return Optional.of("must be a number");
        }
        BigDecimal number = value.decimalValue();
        if (min != null && number.compareTo(min) < 0) {
            return Optional.of(number.toPlainString() + " is below the minimum " + min.toPlainString());
        }
        if (max != null && number.compareTo(max) > 0) {
            return Optional.of(number.toPlainString() + " is above the maximum " + max.toPlainString());
        }
        return Optional.empty();
    }
}
