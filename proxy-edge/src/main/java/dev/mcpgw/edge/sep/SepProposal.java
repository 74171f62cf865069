package dev.mcpgw.edge.sep;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.SepRules;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The params of an authorization/propose, read and checked: the tool (as tools/list names it),
 * its arguments, and what the client said about the intent, kept apart from what the gateway
 * knows. Two shapes are taken: the seed's draft, {@code {envelope: {id, timestamp, action: {type,
 * resource, operation?, parameters?}, principal, context, constraints}}}, whose {@code action.type}
 * names the tool as {@code mcp.<tool>}; and the gateway's own, {@code {name, arguments, purpose?,
 * context?}}, shaped like tools/call. Either may add {@code ttlMs} (how long an ALLOW's
 * authorization lives, at most the gateway's limit) and {@code waitMs} (how long the answer waits
 * for the decision). What the client says goes into the intent's context under {@code envelope.}
 * and {@code purpose}, never over the edge's own entries: it is recorded and may be matched by
 * policy, but it is a claim. The principal it names is compared with the authenticated agent by
 * the stream (see SepRules#CLAIMED_PRINCIPAL), never taken for it.
 */
public record SepProposal(String tool, JsonObject arguments, Map<String, String> claims, String envelopeId, Duration ttl, Duration waitFor) {
    static final int MAX_TEXT = 1024;
    static final int MAX_CLAIMS = 32;
    private static final String MCP_PREFIX = "mcp.";

    /** Reads {@code params}; an authorization lives {@code defaultTtl} unless asked shorter, never longer than {@code maxTtl}. */
    public static SepProposal parse(JsonObject params, Duration defaultTtl, Duration maxTtl, Duration maxWait) {
        Duration ttl = Duration.ofMillis(millis(params, "ttlMs", 1, maxTtl.toMillis(), defaultTtl.toMillis()));
        Duration waitFor = Duration.ofMillis(millis(params, "waitMs", 0, maxWait.toMillis(), maxWait.toMillis()));
        Map<String, String> claims = new LinkedHashMap<>();
        if (params.containsKey("envelope")) {
            JsonObject envelope = object(params, "envelope", true);
            JsonObject action = object(envelope, "action", true);
            String type = text(action, "type", true, "envelope.action.type");
            JsonObject arguments = object(action, "parameters", false);
            String envelopeId = text(envelope, "id", false, "envelope.id");
            claim(claims, "envelope.id", envelopeId);
            claim(claims, "envelope.timestamp", text(envelope, "timestamp", false, "envelope.timestamp"));
            claim(claims, "envelope.action.type", type);
            claim(claims, "envelope.action.resource", text(action, "resource", false, "envelope.action.resource"));
            claim(claims, "envelope.action.operation", text(action, "operation", false, "envelope.action.operation"));
            JsonObject principal = object(envelope, "principal", false);
            if (principal != null) {
                claim(claims, SepRules.CLAIMED_PRINCIPAL, text(principal, "id", false, "envelope.principal.id"));
                claim(claims, "envelope.principal.type", text(principal, "type", false, "envelope.principal.type"));
            }
            JsonObject context = object(envelope, "context", false);
            claimAll(claims, "envelope.context.", context);
            claim(claims, "purpose", context == null ? null : textOrNull(context.getValue("purpose")));
            JsonObject constraints = object(envelope, "constraints", false);
            claim(claims, "envelope.constraints", constraints == null ? null : bounded(constraints.encode(), "envelope.constraints"));
            String tool = type.startsWith(MCP_PREFIX) ? type.substring(MCP_PREFIX.length()) : type;
            return new SepProposal(tool, arguments == null ? new JsonObject() : arguments, claims, envelopeId, ttl, waitFor);
        }
        String tool = text(params, "name", true, "name");
        JsonObject arguments = object(params, "arguments", false);
        claim(claims, "purpose", text(params, "purpose", false, "purpose"));
        claimAll(claims, "envelope.context.", object(params, "context", false));
        return new SepProposal(tool, arguments == null ? new JsonObject() : arguments, claims, null, ttl, waitFor);
    }

    private static long millis(JsonObject params, String field, long min, long max, long absent) {
        Object value = params.getValue(field);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < min || number.doubleValue() > max) {
            throw invalid(field + " must be a whole number of milliseconds from " + min + " to " + max);
        }
        return number.longValue();
    }

    private static JsonObject object(JsonObject parent, String field, boolean required) {
        Object value = parent.getValue(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            throw invalid(field + " must be an object");
        }
        return object;
    }

    private static String text(JsonObject parent, String field, boolean required, String path) {
        Object value = parent.getValue(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String text) || text.isEmpty()) {
            throw invalid(path + " must be a non-empty string");
        }
        return bounded(text, path);
    }

    private static String textOrNull(Object value) {
        return value instanceof String text ? bounded(text, "envelope.context.purpose") : null;
    }

    private static String bounded(String text, String path) {
        if (text.length() > MAX_TEXT) {
            throw invalid(path + " is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    /** The context's entries, each as its text (a string) or its JSON (anything else), under {@code prefix}. */
    private static void claimAll(Map<String, String> claims, String prefix, JsonObject context) {
        if (context == null) {
            return;
        }
        if (context.size() > MAX_CLAIMS) {
            throw invalid("context has more than " + MAX_CLAIMS + " entries");
        }
        context.forEach(entry -> claim(claims, bounded(prefix + entry.getKey(), "a context key"),
                entry.getValue() == null ? null
                        : bounded(entry.getValue() instanceof String s ? s : Json.encode(entry.getValue()), prefix + "*")));
    }

    private static void claim(Map<String, String> claims, String key, String value) {
        if (value != null) {
            claims.put(key, value);
        }
    }

    private static RpcException invalid(String why) {
        return new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: " + why);
    }
}
