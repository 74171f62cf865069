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
 * a rounded value while the tool server received the exact one. Likewise a string or key holding a
 * lone UTF-16 surrogate (a JSON escape between U+D800 and U+DFFF with no pair), which is no
 * Unicode character: its UTF-8 encoding turns it into {@code ?}, so the intent would record, and
 * the policy and a SEP authorization's digest see, another string than the tool server is sent.
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
        refuseUnrecordable(given);
        return new String(canonical, StandardCharsets.UTF_8);
    }

    private static void refuseUnrecordable(Object value) {
        if (value instanceof JsonObject object) {
            object.forEach(member -> {
                refuseLoneSurrogates(member.getKey());
                refuseUnrecordable(member.getValue());
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(CanonicalArguments::refuseUnrecordable);
        } else if (value instanceof String text) {
            refuseLoneSurrogates(text);
        } else if (value instanceof Number number && !exact(number)) {
            String shown = number.toString();
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: the number "
                    + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown)
                    + " in the arguments cannot be recorded exactly (an integer beyond 2^53, or out of a double's range)");
        }
    }

    private static void refuseLoneSurrogates(String text) {
        if (text.codePoints().anyMatch(point -> Character.getType(point) == Character.SURROGATE)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS,
                    "Invalid params: the arguments hold a lone UTF-16 surrogate (a \\uD800-\\uDFFF escape without its pair), which is no character");
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
