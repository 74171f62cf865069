package dev.mcpgw.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A documented command split into words as a POSIX shell would, for the quoting the docs use:
 * '...' (literal), "..." and bare words, in which {@code $NAME} and {@code ${NAME}} expand to a
 * variable an earlier command set. A variable nothing set is an error here, where a shell would
 * expand it to nothing and send a request the docs did not mean.
 */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String command) {
        return split(command, Map.of());
    }

    static List<String> split(String command, Map<String, String> variables) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == '\'') {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '$' && i + 1 < command.length() && (command.charAt(i + 1) == '{' || isNamePart(command.charAt(i + 1), true))) {
                word = word == null ? new StringBuilder() : word;
                i = expand(command, i, variables, word);
            } else if (quote == '"') {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in: " + command);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the value of the variable named at {@code dollar}; answers the index of the name's last character. */
    private static int expand(String command, int dollar, Map<String, String> variables, StringBuilder word) {
        boolean braced = command.charAt(dollar + 1) == '{';
        int start = dollar + (braced ? 2 : 1);
        int end = start;
        while (end < command.length() && isNamePart(command.charAt(end), end == start)) {
            end++;
        }
        if (braced && (end >= command.length() || command.charAt(end) != '}')) {
            throw new IllegalArgumentException("the doc test expands ${NAME} only, not: " + command.substring(dollar));
        }
        String name = command.substring(start, end);
        String value = variables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("$" + name + " is not set by an earlier command of the docs");
        }
        word.append(value);
        return braced ? end : end - 1;
    }

    private static boolean isNamePart(char c, boolean first) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || !first && c >= '0' && c <= '9';
    }
}
