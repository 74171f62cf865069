package dev.mcpgw.edge.mcp;

/** The {@code resultType} values of MCP 2026-07-28 results the gateway reads. */
public final class ResultTypes {
    /** A result that asks the client for input before the request can complete (multi round-trip requests). */
    public static final String INPUT_REQUIRED = "input_required";

    private ResultTypes() {
    }
}
