package dev.mcpgw.policy.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.policy.match.DotPath;
import java.util.List;
import java.util.Optional;

/**
 * The constraints on one argument, named by its dot path in the call's arguments ({@code path},
 * {@code options.target}). A missing argument fails unless the argument is marked not required;
 * a present one must pass every test.
 */
public record ArgumentConstraint(String path, boolean required, List<ValueConstraint> tests) {

    public Optional<String> violation(JsonNode arguments) {
        JsonNode value = DotPath.resolve(arguments, path);
        if (value == null) {
            return required ? Optional.of("arguments." + path + " is missing") : Optional.empty();
        }
        return tests.stream().map(t -> t.violation(value)).flatMap(Optional::stream).findFirst()
                .map(why -> "arguments." + path + " " + why);
    }
}
