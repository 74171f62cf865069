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
    /** Groups within groups: far beyond any pattern a policy needs, and far from what overflows a thread's stack in RE2/J. */
    public static final int MAX_DEPTH = 100;
    /** About 60 bytes each once compiled: a pattern of at most about 1.2 MB. */
    public static final long MAX_INSTRUCTIONS = 20_000;

    private LinearPattern() {
    }

    /**
     * Throws IllegalArgumentException with RE2's own message when RE2 cannot run {@code regex}, and
     * before RE2 sees it when it nests deeper than {@link #MAX_DEPTH} or would compile to more than
     * {@link #MAX_INSTRUCTIONS} (see {@link PatternSize}).
     */
    public static Pattern compile(String regex) {
        PatternSize size = PatternSize.of(regex);
        if (size.depth() > MAX_DEPTH) {
            throw new IllegalArgumentException("the pattern nests groups " + size.depth() + " deep; at most " + MAX_DEPTH);
        }
        if (size.instructions() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("the pattern would compile to about " + size.instructions() + " instructions; at most "
                    + MAX_INSTRUCTIONS + " (a repetition within a repetition multiplies)");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("RE2 cannot run this pattern: " + e.getMessage());
        }
    }
}
