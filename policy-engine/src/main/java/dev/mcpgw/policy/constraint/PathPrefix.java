package dev.mcpgw.policy.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** A path argument confined, after {@link PathNormalizer normalization}, to one of some directories. */
public record PathPrefix(List<String> prefixes) implements ValueConstraint {

    /** The prefixes are normalized the same way; one that cannot be is a policy error. */
    public static PathPrefix of(List<String> prefixes) {
        return new PathPrefix(prefixes.stream().map(p -> {
            PathNormalizer.Result r = PathNormalizer.normalize(p);
            if (!r.ok()) {
                throw new IllegalArgumentException("path prefix '" + p + "' " + r.refusal());
            }
            return r.path();
        }).toList());
    }

    @Override
    public Optional<String> violation(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.of("must be a path (a string)");
        }
        PathNormalizer.Result normalized = PathNormalizer.normalize(value.textValue());
        if (!normalized.ok()) {
            return Optional.of(ValueConstraint.quote(value) + " " + normalized.refusal());
        }
        String path = normalized.path();
        boolean inside = prefixes.stream().anyMatch(p -> p.equals("/") || path.equals(p) || path.startsWith(p + "/"));
        return inside ? Optional.empty()
                : Optional.of(ValueConstraint.quote(value) + " (" + path + ") is outside " + String.join(", ", prefixes));
    }
}
