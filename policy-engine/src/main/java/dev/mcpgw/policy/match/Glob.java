package dev.mcpgw.policy.match;

import com.google.re2j.Pattern;

/**
 * A name glob: {@code *} matches any run of characters, {@code ?} one character, all else is
 * literal. Written here because the JDK's PathMatcher gives {@code *} path semantics (it stops at
 * {@code /}), which is wrong for tool and agent names. Compiled with RE2, so that a glob of many
 * stars stays linear against a long name or host an agent sends.
 */
public final class Glob {
    private final String source;
    private final Pattern pattern;

    private Glob(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    public static Glob compile(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("a glob must not be empty");
        }
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
        return new Glob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    @Override
    public String toString() {
        return source;
    }
}
