package dev.mcpgw.edge.task;

/**
 * Where a task stands. {@link #FORWARDING} is the gateway's own: the call has been claimed by the
 * edge instance that holds its ALLOW and is running at its server (clients see {@code working}).
 * Moves only forward: a waiting task may be claimed, cancelled or finished; a claimed one only
 * finished; the last three never move again.
 */
public enum TaskStatus {
    WORKING, FORWARDING, COMPLETED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** Whether a task in this status may move to {@code next}. */
    public boolean mayBecome(TaskStatus next) {
        return switch (this) {
            case WORKING -> next != WORKING;
            case FORWARDING -> next == COMPLETED || next == FAILED;
            default -> false;
        };
    }

    /** The status as MCP names it. */
    public String wireName() {
        return this == FORWARDING ? "working" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
