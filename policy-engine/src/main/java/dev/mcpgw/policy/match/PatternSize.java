package dev.mcpgw.policy.match;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How deep a regular expression nests its groups and about how many instructions RE2 compiles it
 * to, read in one pass, without recursion, before RE2/J sees it. RE2/J recurses once per level of
 * nesting (a few thousand levels overflow a thread's stack) and writes every repetition out
 * ({@code ((a{1000}){1000}){1000}}, 23 characters, is a billion instructions: the heap runs out);
 * Go's regexp refuses both since CVE-2022-24921, RE2/J does not. The count follows RE2's
 * compilation closely enough to bound it: one per character, class or operator, a repetition
 * {@code {n,m}} multiplying what it repeats by m ({@code {n,}} by n + 1).
 */
public record PatternSize(int depth, long instructions) {
    /** Beyond any limit, and far from overflowing a long when multiplied by a repetition count. */
    private static final long SATURATED = 1L << 40;
    private static final int MAX_COUNT = 100_000;

    public static PatternSize of(String regex) {
        Deque<Long> before = new ArrayDeque<>();
        long size = 0;
        long last = 0;
        int deepest = 0;
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            int next = i + 1;
            long atom = 1;
            switch (c) {
                case '\\' -> {
                    next = escapeEnd(regex, i);
                    atom = regex.startsWith("\\Q", i) ? Math.max(1, next - i - 4) : 1;
                }
                case '[' -> next = classEnd(regex, i);
                case '(' -> {
                    before.push(size);
                    deepest = Math.max(deepest, before.size());
                    size = 0;
                    atom = 0;
                }
                case ')' -> {
                    if (!before.isEmpty()) {
                        atom = size + 1;
                        size = before.pop();
                    }
                }
                case '{' -> {
                    int end = closing(regex, '}', i, 16);
                    long times = end < 0 ? -1 : repeatCount(regex.substring(i + 1, end));
                    if (times >= 0) {
                        next = end + 1;
                        size = add(size, Math.min(SATURATED, last * Math.max(0, times - 1)));
                        last = Math.min(SATURATED, last * times);
                        atom = -1;
                    }
                }
                case '*', '+', '?', '|' -> {
                    size = add(size, 1);
                    last = c == '|' ? 0 : add(last, 1);
                    atom = -1;
                }
                default -> {
                }
            }
            if (atom >= 0) {
                size = add(size, atom);
                last = atom;
            }
            i = next;
        }
        while (!before.isEmpty()) {
            size = add(size, before.pop());
        }
        return new PatternSize(deepest, size);
    }

    /** Where an escape ends: after {@code \Q...\E}, after {@code \p{...}} or {@code \x{...}}, else after its one character. */
    private static int escapeEnd(String regex, int at) {
        if (regex.startsWith("\\Q", at)) {
            int end = regex.indexOf("\\E", at + 2);
            return end < 0 ? regex.length() : end + 2;
        }
        if (at + 2 < regex.length() && "pPx".indexOf(regex.charAt(at + 1)) >= 0 && regex.charAt(at + 2) == '{') {
            int end = regex.indexOf('}', at);
            return end < 0 ? regex.length() : end + 1;
        }
        return Math.min(regex.length(), at + 2);
    }

    /** Where a character class {@code [...]} ends: a leading {@code ]} is a member, as are escapes and {@code [:name:]}. */
    private static int classEnd(String regex, int at) {
        int i = at + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == ']') {
                return i + 1;
            }
            if (c == '\\') {
                i = escapeEnd(regex, i);
            } else if (regex.startsWith("[:", i)) {
                int end = closing(regex, ']', i, 12);
                i = end < 0 ? i + 1 : end + 1;
            } else {
                i++;
            }
        }
        return regex.length();
    }

    /** The most a repetition {@code {n}}, {@code {n,}} or {@code {n,m}} writes out, or -1 when the braces are a literal. */
    private static long repeatCount(String inside) {
        if (!inside.matches("\\d{1,6}(,\\d{0,6})?")) {
            return -1;
        }
        int comma = inside.indexOf(',');
        if (comma < 0) {
            return Math.min(MAX_COUNT, Integer.parseInt(inside));
        }
        return comma == inside.length() - 1
                ? Math.min(MAX_COUNT, Integer.parseInt(inside.substring(0, comma)) + 1)
                : Math.min(MAX_COUNT, Integer.parseInt(inside.substring(comma + 1)));
    }

    /**
     * The index of {@code c} within {@code window} characters after {@code at}, or -1: the braces of
     * a repetition and the name of a class are short, and looking further for each of many would
     * take time quadratic in the pattern.
     */
    private static int closing(String regex, char c, int at, int window) {
        for (int i = at + 1; i < Math.min(regex.length(), at + window); i++) {
            if (regex.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }
}
