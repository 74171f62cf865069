package dev.mcpgw.edge.limits;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * A tool call's arguments as the intent records them: RFC 8785 canonical JSON, at most
 * {@code limits.maxArgumentsBytes} of it. RFC 8785 reads every number as an IEEE 754 double, so
 * arguments holding a number a double cannot hold exactly are refused: the policy would decide on
 * a rounded value while the tool server received the exact one.
 */
public final class CanonicalArguments {
    /** Integers up to 2^53 in magnitude are exact in a double (RFC 7493, I-JSON). */
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    private final int maxBytes;

    public CanonicalArguments(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The canonical form of {@code arguments} ("{}" for none); throws -32602 when it exceeds the limit or is not exact. */
    public String of(JsonObject arguments) {
        JsonObject given = arguments == null ? new JsonObject() : arguments;
        byte[] canonical;
        try {
            canonical = new JsonCanonicalizer(given.encode()).getEncodedUTF8();
        } catch (IOException e) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: arguments cannot be canonicalized: " + e.getMessage());
        }
        if (canonical.length > maxBytes) {
            throw MessageLimits.exceeded("the arguments take " + canonical.length + " bytes as canonical JSON, more than " + maxBytes,
                    "maxArgumentsBytes", maxBytes);
        }
        refuseInexactNumbers(given);
        return new String(canonical, StandardCharsets.UTF_8);
    }

    private static void refuseInexactNumbers(Object value) {
        if (value instanceof JsonObject object) {
            object.forEach(member -> refuseInexactNumbers(member.getValue()));
        } else if (value instanceof JsonArray array) {
            array.forEach(CanonicalArguments::refuseInexactNumbers);
        } else if (value instanceof Number number && !exact(number)) {
            String shown = number.toString();
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: the number "
                    + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown)
                    + " in the arguments cannot be recorded exactly (an integer beyond 2^53, or out of a double's range)");
        }
    }

    private static boolean exact(Number number) {
        if (number instanceof Double d) {
            return Double.isFinite(d);
        }
        if (number instanceof BigInteger big) {
            return big.abs().compareTo(BigInteger.valueOf(MAX_EXACT_INTEGER)) <= 0;
        }
        long integer = number.longValue();
        return integer >= -MAX_EXACT_INTEGER && integer <= MAX_EXACT_INTEGER;
    }
}
