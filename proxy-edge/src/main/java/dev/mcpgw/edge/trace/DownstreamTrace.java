package dev.mcpgw.edge.trace;

import static dev.mcpgw.kafka.trace.SpanAttributes.ERROR_TYPE;
import static dev.mcpgw.kafka.trace.SpanAttributes.GEN_AI_OPERATION_NAME;
import static dev.mcpgw.kafka.trace.SpanAttributes.GEN_AI_TOOL_NAME;
import static dev.mcpgw.kafka.trace.SpanAttributes.MCP_METHOD_NAME;
import static dev.mcpgw.kafka.trace.SpanAttributes.MCP_PROTOCOL_VERSION;
import static dev.mcpgw.kafka.trace.SpanAttributes.SERVER;

import dev.mcpgw.edge.mcp.ErrorText;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.method.McpCall;
import dev.mcpgw.kafka.trace.SpanAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonObject;

/**
 * The CLIENT span of a request the edge sends a tool server, under the call's span, and the
 * propagation of its context to the server in the request's {@code _meta} (SEP-414), replacing
 * what the client had put there: the server's spans are then children of the gateway's. Without a
 * span to name (a request that is not a tool call, with no trace under way), the server gets the
 * context the client put in {@code _meta} only as far as it is well formed.
 */
public final class DownstreamTrace {
    private final Span span;

    private DownstreamTrace(Span span) {
        this.span = span;
    }

    /** Starts the span of sending {@code method} to {@code server}, and names it in {@code params}' {@code _meta}. */
    public static DownstreamTrace start(EdgeTracing tracing, String server, String protocolVersion, String method, JsonObject params) {
        String tool = McpMethods.TOOLS_CALL.equals(method) ? params.getString("name") : null;
        Span span = tracing.child(Context.current(), tool == null ? method : method + " " + tool, SpanKind.CLIENT)
                .setAttribute(MCP_METHOD_NAME, method)
                .setAttribute(SERVER, server);
        if (protocolVersion != null) {
            span.setAttribute(MCP_PROTOCOL_VERSION, protocolVersion);
        }
        if (tool != null) {
            span.setAttribute(GEN_AI_OPERATION_NAME, SpanAttributes.EXECUTE_TOOL).setAttribute(GEN_AI_TOOL_NAME, tool);
        }
        JsonObject meta = params.getValue("_meta") instanceof JsonObject m ? m : new JsonObject();
        McpCall.TraceContext sent = McpCall.TraceContext.of(meta.getValue(MetaKeys.TRACEPARENT) instanceof String parent ? parent : null,
                meta.getValue(MetaKeys.TRACESTATE) instanceof String state ? state : null);
        meta.remove(MetaKeys.TRACEPARENT);
        meta.remove(MetaKeys.TRACESTATE);
        if (span.getSpanContext().isValid()) {
            W3CTraceContextPropagator.getInstance().inject(Context.current().with(span), meta, JsonObject::put);
        } else if (sent.traceparent() != null) {
            meta.put(MetaKeys.TRACEPARENT, sent.traceparent());
            if (sent.tracestate() != null) {
                meta.put(MetaKeys.TRACESTATE, sent.tracestate());
            }
        }
        if (meta.isEmpty()) {
            params.remove("_meta");
        } else {
            params.put("_meta", meta);
        }
        return new DownstreamTrace(span);
    }

    public void ended(AsyncResult<JsonObject> result) {
        if (result.failed()) {
            span.setAttribute(ERROR_TYPE, result.cause() instanceof RpcException rpc ? String.valueOf(rpc.code()) : result.cause().getClass().getName())
                    .setStatus(StatusCode.ERROR, ErrorText.recorded(result.cause().getMessage()));
        } else if (result.result() != null && Boolean.TRUE.equals(result.result().getValue("isError"))) {
            span.setAttribute(ERROR_TYPE, "tool_error").setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
