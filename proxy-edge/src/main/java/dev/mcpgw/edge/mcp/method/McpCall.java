package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.identity.Agent;
import io.vertx.core.json.JsonObject;

/**
 * One client request, era-neutral: who asked (authenticated), which method with which params, in
 * which protocol revision.
 */
public record McpCall(Agent agent, Object id, String method, JsonObject params, String protocolVersion) {

    public JsonObject paramsOrEmpty() {
        return params == null ? new JsonObject() : params;
    }

    /** W3C trace context the client put in {@code _meta}, if any. */
    public String traceparent() {
        JsonObject meta = paramsOrEmpty().getJsonObject("_meta");
        return meta == null ? null : meta.getString("traceparent");
    }
}
