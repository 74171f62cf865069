package dev.mcpgw.edge.mcp;

import java.util.List;

/**
 * MCP's log levels, syslog's (RFC 5424) from least to most severe, for deciding whether a log
 * message reaches a client that asked for a level.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/logging">Logging</a>
 */
public final class LoggingLevels {
    /** The level that lets every message through. */
    public static final String MOST_VERBOSE = "debug";
    /** What a session-era client that never set a level gets: informational messages and above. */
    public static final String SESSION_DEFAULT = "info";
    private static final List<String> BY_SEVERITY = List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

    private LoggingLevels() {
    }

    public static boolean isLevel(String level) {
        return BY_SEVERITY.contains(level);
    }

    /** Whether a message of {@code level} is wanted by a client that asked for {@code threshold}; an unknown level is not. */
    public static boolean reaches(String level, String threshold) {
        int severity = BY_SEVERITY.indexOf(level);
        int wanted = BY_SEVERITY.indexOf(threshold);
        return severity >= 0 && wanted >= 0 && severity >= wanted;
    }
}
