package dev.mcpgw.policy.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles a policy's regular expression with RE2 semantics: matching takes time linear in the
 * text whatever the pattern, so no argument an agent sends can make a decision slow (Java's
 * backtracking engine takes exponential time on patterns like {@code (a+)+$}). What RE2 cannot run
 * (lookaround, backreferences, possessive quantifiers) is refused when the policy loads.
 */
public final class LinearPattern {
    private LinearPattern() {
    }

    /** Throws IllegalArgumentException with RE2's own message when RE2 cannot run {@code regex}. */
    public static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("RE2 cannot run this pattern: " + e.getMessage());
        }
    }
}
