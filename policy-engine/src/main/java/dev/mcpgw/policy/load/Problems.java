package dev.mcpgw.policy.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything wrong with a policy document, each with its line, column and field path; and the
 * warnings: what loads but cannot be honoured as written.
 */
final class Problems {
    private final SourcePositions positions;
    private final List<String> messages = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Problems(SourcePositions positions) {
        this.positions = positions;
    }

    /** {@code pointer} is a JSON pointer such as {@code /rules/0/arguments/path}. */
    void add(String pointer, String message) {
        messages.add(positions.at(pointer) + fieldPath(pointer) + ": " + message);
    }

    /** Something the gateway accepts but does not act on as the author may expect; never stops a policy loading. */
    void warn(String pointer, String message) {
        warnings.add(positions.at(pointer) + fieldPath(pointer) + ": " + message);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    boolean any() {
        return !messages.isEmpty();
    }

    List<String> all() {
        return List.copyOf(messages);
    }

    /** {@code /rules/0/arguments/path} as {@code rules[0].arguments.path}. */
    static String fieldPath(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.substring(1).split("/")) {
            if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return path.isEmpty() ? "policy" : path.toString();
    }
}
