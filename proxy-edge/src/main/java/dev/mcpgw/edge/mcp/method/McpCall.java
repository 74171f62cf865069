package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.MetaKeys;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client request, era-neutral: who asked (authenticated), which method with which params, in
 * which protocol revision, where notifications about this request (progress) go, the client's
 * cancellation of it, the request's context as the transport saw it (sourceIp, userAgent), and
 * what the client declared it can be asked while the request runs.
 */
public record McpCall(Agent agent, Object id, String method, JsonObject params, String protocolVersion,
                      Consumer<JsonObject> notifications, Cancellation cancellation, Map<String, String> context,
                      ClientRequests client) {

    /** The same call with other params (a retry the gateway makes on the client's behalf). */
    public McpCall withParams(JsonObject newParams) {
        return new McpCall(agent, id, method, newParams, protocolVersion, notifications, cancellation, context, client);
    }

    public JsonObject paramsOrEmpty() {
        return params == null ? new JsonObject() : params;
    }

    /** W3C trace context the client put in {@code _meta} ({@code traceparent}, {@code tracestate}), each null when absent. */
    public TraceContext traceContext() {
        JsonObject meta = paramsOrEmpty().getValue("_meta") instanceof JsonObject m ? m : new JsonObject();
        return new TraceContext(meta.getValue(MetaKeys.TRACEPARENT) instanceof String parent ? parent : null,
                meta.getValue(MetaKeys.TRACESTATE) instanceof String state ? state : null);
    }

    /** W3C trace context: the parent span, and the vendors' state that travels with it. */
    public record TraceContext(String traceparent, String tracestate) {
    }
}
