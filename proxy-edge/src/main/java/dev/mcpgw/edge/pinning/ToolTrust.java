package dev.mcpgw.edge.pinning;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * How far the gateway trusts one server's tool definitions.
 *
 * @param pins         tool name to the hex SHA-256 its definition must have (see {@link ToolDefinition});
 *                     null: each definition is pinned the first time it is seen. A tool the pins leave out is held back.
 * @param onChange     what clients get of a pinned tool whose definition changed, until an operator accepts it
 * @param flaggedTools what clients get of a tool whose text is aimed at the model (see {@link ToolTextScanner})
 */
public record ToolTrust(Map<String, String> pins, OnChange onChange, FlaggedTools flaggedTools) {
    public static final ToolTrust DEFAULTS = new ToolTrust(null, OnChange.HIDE, FlaggedTools.WITHHOLD);

    /** A changed tool disappears from tools/list, or is listed as pinned and its calls refused. */
    public enum OnChange { HIDE, REFUSE }

    /** A flagged tool is hidden and its calls refused, shown with the flagged text removed, or shown as it is (logged and counted only). */
    public enum FlaggedTools { WITHHOLD, SANITISE, ALLOW }

    public ToolTrust {
        if (onChange == null || flaggedTools == null) {
            throw new IllegalArgumentException("onChange and flaggedTools are required");
        }
        if (pins != null) {
            pins.forEach((tool, hash) -> {
                if (hash == null || !hash.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("pins." + tool + " must be a hex SHA-256 (64 lower-case hex digits), as gateway tools list shows it");
                }
            });
            pins = Map.copyOf(pins);
        }
    }

    /** Reads a config word ({@code hide}, {@code sanitise}, ...); null gives {@code otherwise}. */
    public static <E extends Enum<E>> E parse(Class<E> type, String word, E otherwise, String field) {
        if (word == null) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", not '" + word + "'");
        }
    }
}
