package dev.mcpgw.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A documented answer compared with the real one, modulo what changes from run to run.
 *
 * <p>Both sides are normalised first: UUIDs, ISO-8601 times, hex strings of 7 digits or more (hashes,
 * versions, key ids), local ports, chain names and sequence numbers become placeholders, and runs of spaces inside a line
 * one space (table columns are as wide as their longest value). Then, in the
 * documented text, {@code …} stands for any characters within a line, and a line that is only
 * {@code ...} for any number of lines. JSON answers are compared without the whitespace outside strings,
 * so the docs may lay them out on several lines.
 */
final class Expected {
    private static final List<String[]> NORMALISE = List.of(
            new String[] {"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>"},
            new String[] {"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z", "<time>"},
            new String[] {"(?<![0-9A-Za-z])[0-9a-f]{7,}(?![0-9A-Za-z])", "<hex>"},
            new String[] {"127\\.0\\.0\\.1:\\d+", "127.0.0.1:<port>"},
            new String[] {"propose-\\d+(/\\d+)?", "propose-<n>"},
            new String[] {"\"sequence\":\\d+", "\"sequence\":<n>"},
            new String[] {"[ \\t]+$", ""},
            new String[] {"(?<=\\S)[ \\t]{2,}", " "});

    private Expected() {
    }

    static String normalise(String text) {
        String out = text;
        for (String[] rule : NORMALISE) {
            out = Pattern.compile(rule[0], Pattern.MULTILINE).matcher(out).replaceAll(rule[1]);
        }
        return out.strip();
    }

    /** Null when {@code actual} is what {@code documented} says, else why not. */
    static String mismatch(String documented, String actual, boolean json) {
        String want = normalise(documented);
        String got = normalise(actual);
        if (json) {
            want = compact(want);
            got = compact(got);
        }
        List<Pattern> lines = new ArrayList<>();
        for (String line : want.lines().toList()) {
            lines.add(line.strip().equals("...") ? null : linePattern(line));
        }
        List<String> gotLines = got.lines().toList();
        return matches(lines, 0, gotLines, 0) ? null
                : "documented (normalised):\n" + want + "\nbut the gateway answered (normalised):\n" + got;
    }

    private static Pattern linePattern(String line) {
        StringBuilder regex = new StringBuilder();
        for (String part : line.split("…", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*?");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean matches(List<Pattern> want, int w, List<String> got, int g) {
        if (w == want.size()) {
            return g == got.size();
        }
        if (want.get(w) == null) {
            for (int skip = g; skip <= got.size(); skip++) {
                if (matches(want, w + 1, got, skip)) {
                    return true;
                }
            }
            return false;
        }
        return g < got.size() && want.get(w).matcher(got.get(g)).matches() && matches(want, w + 1, got, g + 1);
    }

    /** JSON without the whitespace outside strings (a {@code …} or {@code ...} is kept as written). */
    static String compact(String text) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
