package dev.mcpgw.policy.match;

import java.util.List;

/** Any of several globs; an empty list matches every name (the rule does not constrain it). */
public record NameMatcher(List<Glob> globs) {

    public static NameMatcher of(List<String> patterns) {
        return new NameMatcher(patterns == null ? List.of() : patterns.stream().map(Glob::compile).toList());
    }

    public boolean matches(String name) {
        return globs.isEmpty() || globs.stream().anyMatch(g -> g.matches(name));
    }
}
