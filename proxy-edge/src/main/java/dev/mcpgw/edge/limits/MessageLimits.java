package dev.mcpgw.edge.limits;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one client message against the nesting and string limits before anything is done with
 * it: a tool server behind the gateway, the policy engine's detectors and the receipt are then
 * never handed more than the limits allow. The message's members are level 0, so its params (or
 * result) are level 1. The walk stops at the first violation and never goes deeper than the limit,
 * so its own work and stack are bounded by the limits too.
 */
public final class MessageLimits {
    /** How much of a member path an error quotes: enough to find the place, never a document. */
    private static final int MAX_PATH_CHARS = 120;

    private final RequestLimits limits;

    public MessageLimits(RequestLimits limits) {
        this.limits = limits;
    }

    /** The first limit {@code message} exceeds, as the -32602 error to answer it with; empty when it keeps within all. */
    public Optional<RpcException> check(JsonObject message) {
        return new Walk().members(message, 0);
    }

    /** One walk over one message: the path to where it is, for the error. */
    private final class Walk {
        private final Deque<String> path = new ArrayDeque<>();

        private Optional<RpcException> members(JsonObject object, int level) {
            for (Map.Entry<String, Object> member : object) {
                path.addLast(member.getKey());
                Optional<RpcException> violation = name(member.getKey()).or(() -> value(member.getValue(), level + 1));
                path.removeLast();
                if (violation.isPresent()) {
                    return violation;
                }
            }
            return Optional.empty();
        }

        private Optional<RpcException> elements(JsonArray array, int level) {
            for (int i = 0; i < array.size(); i++) {
                path.addLast("[" + i + "]");
                Optional<RpcException> violation = value(array.getValue(i), level + 1);
                path.removeLast();
                if (violation.isPresent()) {
                    return violation;
                }
            }
            return Optional.empty();
        }

        private Optional<RpcException> value(Object value, int level) {
            if (value instanceof JsonObject || value instanceof JsonArray) {
                if (level > limits.maxDepth()) {
                    return Optional.of(exceeded("objects and arrays nest deeper than " + limits.maxDepth() + " levels at " + where(),
                            "maxDepth", limits.maxDepth()));
                }
                return value instanceof JsonObject object ? members(object, level) : elements((JsonArray) value, level);
            }
            if (value instanceof String text && text.length() > limits.maxStringLength()) {
                return Optional.of(exceeded("the string at " + where() + " has " + text.length() + " characters, more than "
                        + limits.maxStringLength(), "maxStringLength", limits.maxStringLength()));
            }
            return Optional.empty();
        }

        private Optional<RpcException> name(String name) {
            if (name.length() <= limits.maxStringLength()) {
                return Optional.empty();
            }
            return Optional.of(exceeded("a member name of " + name.length() + " characters, more than " + limits.maxStringLength(),
                    "maxStringLength", limits.maxStringLength()));
        }

        private String where() {
            StringBuilder where = new StringBuilder();
            for (String step : path) {
                if (where.length() > MAX_PATH_CHARS) {
                    return where.append("…").toString();
                }
                where.append(step.startsWith("[") || where.length() == 0 ? "" : ".").append(step);
            }
            return where.length() > MAX_PATH_CHARS ? where.substring(0, MAX_PATH_CHARS) + "…" : where.toString();
        }
    }

    /** The error for a limit a message exceeds: what, and the config key that sets it. */
    static RpcException exceeded(String what, String key, long limit) {
        return new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: " + what + " (limits." + key + ")",
                new JsonObject().put("limit", "limits." + key).put("max", limit));
    }
}
