package dev.mcpgw.policy.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.policy.match.DotPath;
import java.util.List;
import java.util.Optional;

/**
 * The constraints on one argument, named by its dot path in the call's arguments ({@code path},
 * {@code options.target}). A missing argument fails unless the argument is marked not required;
 * a present one must pass every test. An argument that is an array ({@code paths: [...]}) passes
 * when every element does: an empty array passes (it names nothing to check), an array inside the
 * array fails (no test looks into it, so nothing in it could be vouched for), and an element of
 * the wrong type fails the way a lone value of that type would.
 */
public record ArgumentConstraint(String path, boolean required, List<ValueConstraint> tests) {

    public Optional<String> violation(JsonNode arguments) {
        JsonNode value = DotPath.resolve(arguments, path);
        if (value == null) {
            return required ? Optional.of("arguments." + path + " is missing") : Optional.empty();
        }
        if (!value.isArray()) {
            return violation(value, "arguments." + path);
        }
        for (int i = 0; i < value.size(); i++) {
            String place = "arguments." + path + "[" + i + "]";
            if (value.get(i).isArray()) {
                return Optional.of(place + " is an array inside an array, which no constraint looks into");
            }
            Optional<String> violation = violation(value.get(i), place);
            if (violation.isPresent()) {
                return violation;
            }
        }
        return Optional.empty();
    }

    private Optional<String> violation(JsonNode value, String place) {
        return tests.stream().map(t -> t.violation(value)).flatMap(Optional::stream).findFirst().map(why -> place + " " + why);
    }
}
