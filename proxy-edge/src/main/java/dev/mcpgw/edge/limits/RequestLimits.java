package dev.mcpgw.edge.limits;

import dev.mcpgw.edge.mcp.JsonRpc;

/**
 * How much work one client message may ask of the edge, and how much of it may reach Kafka.
 * Each bound is named by its key in the gateway config's {@code limits:} block, which is how the
 * errors name it too.
 *
 * <p>The defaults keep an intent and its receipt well inside Kafka's default 1 MiB record: the
 * arguments (at most {@code maxArgumentsBytes}) and the two trace strings a client may set (at
 * most {@code maxStringLength} characters, 3 UTF-8 bytes each at worst) are all a client adds to
 * an intent besides a User-Agent header (8 KiB at most), so with the defaults an intent is at most
 * 256 + 192 + 8 KiB, under half of 1 MiB; a receipt or an outcome adds the decision's rules and
 * reasons to that. Limits that would let an intent exceed {@link #INTENT_BUDGET_BYTES} are refused.
 *
 * @param maxBodyBytes      the largest POST body read at all (larger: HTTP 413)
 * @param maxDepth          how deeply objects and arrays may nest in a message, its params (or
 *                          result) being level 1, so tools/call arguments are level 2
 * @param maxStringLength   the longest string, or member name, anywhere in a message, in UTF-16 units
 * @param maxArgumentsBytes the largest tools/call arguments, as RFC 8785 canonical JSON in UTF-8
 */
public record RequestLimits(int maxBodyBytes, int maxDepth, int maxStringLength, int maxArgumentsBytes) {
    public static final RequestLimits DEFAULTS = new RequestLimits(1024 * 1024, 64, 32 * 1024, 256 * 1024);

    /** The part of Kafka's 1 MiB record an intent may take at worst, leaving the rest to what receipts and outcomes add. */
    public static final int INTENT_BUDGET_BYTES = 768 * 1024;
    /** What an intent holds besides its arguments and trace strings: ids, names, a User-Agent header of at most 8 KiB. */
    static final int INTENT_OVERHEAD_BYTES = 16 * 1024;

    public RequestLimits {
        positive("maxBodyBytes", maxBodyBytes);
        positive("maxDepth", maxDepth);
        positive("maxStringLength", maxStringLength);
        positive("maxArgumentsBytes", maxArgumentsBytes);
        if (maxDepth >= JsonRpc.PARSER_MAX_DEPTH) {
            throw new IllegalArgumentException("limits.maxDepth must be below " + JsonRpc.PARSER_MAX_DEPTH
                    + ", the depth past which the edge does not parse a body at all");
        }
        long worstIntent = (long) maxArgumentsBytes + 2L * 3 * maxStringLength + INTENT_OVERHEAD_BYTES;
        if (worstIntent > INTENT_BUDGET_BYTES) {
            throw new IllegalArgumentException("limits.maxArgumentsBytes + 6 x limits.maxStringLength + " + INTENT_OVERHEAD_BYTES
                    + " must not exceed " + INTENT_BUDGET_BYTES + " bytes, so that an intent and its receipt fit a Kafka record of 1 MiB (it is "
                    + worstIntent + ")");
        }
    }

    public RequestLimits withMaxBodyBytes(int bytes) {
        return new RequestLimits(bytes, maxDepth, maxStringLength, maxArgumentsBytes);
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("limits." + key + " must be positive, not " + value);
        }
    }
}
