package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.GatewayImplementation;
import dev.mcpgw.edge.mcp.LoggingLevels;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * The 2026-07-28 envelope in a forwarded request's {@code _meta}: the gateway speaks for itself
 * to each server, whatever the client said. A 2026-07-28 server gets the
 * gateway's envelope (its revision and identity) with the capabilities of the client the request
 * is made for, and the level it hears log messages from (the one the request names if it is one of
 * MCP's levels, else the one the edge keeps for the client); a session-era server gets none of
 * these keys, which its revision does not have.
 */
final class RequestEnvelope {
    private static final Set<String> ENVELOPE = Set.of(MetaKeys.PROTOCOL_VERSION, MetaKeys.CLIENT_INFO, MetaKeys.CLIENT_CAPABILITIES,
            MetaKeys.LOG_LEVEL);

    private RequestEnvelope() {
    }

    static JsonObject forStateless(JsonObject params, ClientRequests client) {
        JsonObject wrapped = params == null ? new JsonObject() : params.copy();
        JsonObject clientMeta = wrapped.getValue("_meta") instanceof JsonObject meta ? meta : new JsonObject();
        JsonObject meta = withoutEnvelope(clientMeta)
                .put(MetaKeys.PROTOCOL_VERSION, ProtocolVersions.V2026_07_28)
                .put(MetaKeys.CLIENT_INFO, GatewayImplementation.info())
                .put(MetaKeys.CLIENT_CAPABILITIES, client.capabilities().copy());
        // A 2026-07-28 client's request was checked at the door; a session-era client's _meta was not, so only a real level passes.
        Optional<String> named = clientMeta.getValue(MetaKeys.LOG_LEVEL) instanceof String level && LoggingLevels.isLevel(level)
                ? Optional.of(level) : Optional.empty();
        named.or(client::logLevel).ifPresent(level -> meta.put(MetaKeys.LOG_LEVEL, level));
        return wrapped.put("_meta", meta);
    }

    static JsonObject forSession(JsonObject params) {
        if (params == null || !(params.getValue("_meta") instanceof JsonObject meta)) {
            return params;
        }
        JsonObject kept = withoutEnvelope(meta);
        JsonObject unwrapped = params.copy();
        if (kept.isEmpty()) {
            unwrapped.remove("_meta");
        } else {
            unwrapped.put("_meta", kept);
        }
        return unwrapped;
    }

    private static JsonObject withoutEnvelope(JsonObject meta) {
        JsonObject kept = new JsonObject();
        meta.forEach(entry -> {
            if (!ENVELOPE.contains(entry.getKey())) {
                kept.put(entry.getKey(), entry.getValue());
            }
        });
        return kept;
    }
}
