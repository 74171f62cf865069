package dev.mcpgw.policy.match;

import com.google.re2j.Pattern;
import java.util.function.Predicate;

/**
 * A name glob: {@code *} matches any run of characters, {@code ?} one character, all else is
 * literal. Written here because the JDK's PathMatcher gives {@code *} path semantics (it stops at
 * {@code /}), which is wrong for tool and agent names. The shapes nearly every policy uses (a
 * name, a prefix, a suffix, one star between the two) are compared as strings, since a policy
 * holds many globs and each call is tried against them all; any other glob is compiled with RE2,
 * so that a glob of many stars stays linear against a long name or host an agent sends.
 */
public final class Glob {
    private final String source;
    private final Predicate<String> test;

    private Glob(String source, Predicate<String> test) {
        this.source = source;
        this.test = test;
    }

    public static Glob compile(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("a glob must not be empty");
        }
        int star = glob.indexOf('*');
        boolean oneStarAtMost = star == glob.lastIndexOf('*') && glob.indexOf('?') < 0;
        if (oneStarAtMost && star < 0) {
            return new Glob(glob, glob::equals);
        }
        if (oneStarAtMost) {
            String prefix = glob.substring(0, star);
            String suffix = glob.substring(star + 1);
            return new Glob(glob, value -> value.length() >= prefix.length() + suffix.length()
                    && value.startsWith(prefix) && value.endsWith(suffix));
        }
        Pattern pattern = Pattern.compile(regexOf(glob), Pattern.DOTALL);
        return new Glob(glob, value -> pattern.matcher(value).matches());
    }

    private static String regexOf(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return regex.toString();
    }

    public boolean matches(String value) {
        return value != null && test.test(value);
    }

    @Override
    public String toString() {
        return source;
    }
}
