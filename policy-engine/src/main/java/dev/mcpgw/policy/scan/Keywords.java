package dev.mcpgw.policy.scan;

import java.util.List;

/**
 * What a text must hold for a signature's pattern to have any chance of matching: one of a few
 * literals, or a number of ASCII digits. It is checked before the pattern runs because a
 * substring search costs a small part of what RE2's automaton costs, and most text an agent sends
 * holds none of the literals (the way secret scanners keep a keyword per rule). It may let
 * through text the pattern then does not match; it must never hold back text the pattern would
 * match, which {@code KeywordsTest} checks against the patterns themselves.
 */
sealed interface Keywords {

    /** Whether {@code text} may match; {@code text} is the text scanned, case-folded once on demand. */
    boolean mayMatch(ScannedText text);

    /** One of {@code literals}, exactly as written (for patterns that are case-sensitive). */
    static Keywords anyOf(String... literals) {
        return new Literals(List.of(literals), false);
    }

    /** One of {@code literals} (lower case, ASCII) in any case, as {@code (?i)} patterns match. */
    static Keywords anyOfIgnoringCase(String... literals) {
        return new Literals(List.of(literals), true);
    }

    /** At least {@code count} ASCII digits ({@code \d} in RE2 is ASCII only). */
    static Keywords digits(int count) {
        return new Digits(count);
    }

    record Literals(List<String> literals, boolean ignoringCase) implements Keywords {
        @Override
        public boolean mayMatch(ScannedText text) {
            String searched = ignoringCase ? text.folded() : text.text();
            for (String literal : literals) {
                if (searched.contains(literal)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Digits(int count) implements Keywords {
        @Override
        public boolean mayMatch(ScannedText text) {
            return text.digits() >= count;
        }
    }
}
