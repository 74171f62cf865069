package dev.mcpgw.edge.trace;

import static dev.mcpgw.kafka.trace.SpanAttributes.ERROR_TYPE;
import static dev.mcpgw.kafka.trace.SpanAttributes.GEN_AI_OPERATION_NAME;
import static dev.mcpgw.kafka.trace.SpanAttributes.GEN_AI_TOOL_NAME;
import static dev.mcpgw.kafka.trace.SpanAttributes.JSONRPC_REQUEST_ID;
import static dev.mcpgw.kafka.trace.SpanAttributes.MCP_METHOD_NAME;
import static dev.mcpgw.kafka.trace.SpanAttributes.MCP_PROTOCOL_VERSION;
import static dev.mcpgw.kafka.trace.SpanAttributes.MCP_SESSION_ID;
import static dev.mcpgw.kafka.trace.SpanAttributes.RPC_RESPONSE_STATUS_CODE;

import dev.mcpgw.edge.mcp.ErrorText;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.method.McpCall;
import dev.mcpgw.edge.mcp.method.MethodHandler;
import dev.mcpgw.kafka.trace.SpanAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Traces each call of a method handler as a SERVER span named {@code tools/call <tool>}, a child
 * of the trace context the client sent in {@code _meta} (as MCP and OpenTelemetry's MCP conventions
 * carry it), else in the HTTP request's headers (see {@link McpCall#traceContext}, which drops a
 * malformed one), with the MCP, GenAI and
 * JSON-RPC attributes of the conventions. The span is current while the handler runs, so what the
 * handler starts is traced under it; it ends when the call is answered. A tool result with
 * {@code isError} and a JSON-RPC error both mark it as failed.
 *
 * @see <a href="https://modelcontextprotocol.io/seps/414-request-meta">SEP-414, trace context in _meta</a>
 * @see <a href="https://opentelemetry.io/docs/specs/semconv/gen-ai/mcp/">Semantic conventions for MCP</a>
 */
public final class TracedCalls implements MethodHandler {
    /** A tool name as MCP 2025-11-25 allows it; anything else is the client's text and stays out of span names. */
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");
    private static final int MAX_ID_CHARS = 128;
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final EdgeTracing tracing;
    private final MethodHandler handler;

    public TracedCalls(EdgeTracing tracing, MethodHandler handler) {
        this.tracing = tracing;
        this.handler = handler;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        Span span = start(call);
        Future<JsonObject> answered;
        try (Scope scope = span.makeCurrent()) {
            answered = handler.handle(call);
        } catch (RuntimeException e) {
            failed(span, e);
            span.end();
            throw e;
        }
        return answered.onComplete(result -> ended(span, result));
    }

    private Span start(McpCall call) {
        String tool = call.paramsOrEmpty().getValue("name") instanceof String name && TOOL_NAME.matcher(name).matches() ? name : null;
        Span span = tracing.builder(clientContext(call), tool == null ? call.method() : call.method() + " " + tool, SpanKind.SERVER)
                .setAttribute(MCP_METHOD_NAME, call.method())
                .startSpan();
        if (McpMethods.TOOLS_CALL.equals(call.method())) {
            span.setAttribute(GEN_AI_OPERATION_NAME, SpanAttributes.EXECUTE_TOOL);
            if (tool != null) {
                span.setAttribute(GEN_AI_TOOL_NAME, tool);
            }
        }
        String id = call.id() == null ? null : String.valueOf(call.id());
        // An id is the client's to choose: a long one is left out rather than carried into every trace.
        if (id != null && id.length() <= MAX_ID_CHARS) {
            span.setAttribute(JSONRPC_REQUEST_ID, id);
        }
        if (call.protocolVersion() != null) {
            span.setAttribute(MCP_PROTOCOL_VERSION, call.protocolVersion());
        }
        if (call.sessionId() != null) {
            span.setAttribute(MCP_SESSION_ID, call.sessionId());
        }
        return span;
    }

    /** The client's trace context, as far as it is well formed; the root context (a new trace) otherwise. */
    static Context clientContext(McpCall call) {
        McpCall.TraceContext trace = call.traceContext();
        if (trace.traceparent() == null) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>();
        carrier.put("traceparent", trace.traceparent());
        if (trace.tracestate() != null) {
            carrier.put("tracestate", trace.tracestate());
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, FROM_MAP);
    }

    private static void ended(Span span, AsyncResult<JsonObject> result) {
        if (result.failed()) {
            failed(span, result.cause());
        } else if (result.result() != null && Boolean.TRUE.equals(result.result().getValue("isError"))) {
            span.setAttribute(ERROR_TYPE, "tool_error");
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    private static void failed(Span span, Throwable cause) {
        if (cause instanceof RpcException rpc) {
            span.setAttribute(ERROR_TYPE, String.valueOf(rpc.code()));
            span.setAttribute(RPC_RESPONSE_STATUS_CODE, String.valueOf(rpc.code()));
        } else {
            span.setAttribute(ERROR_TYPE, cause.getClass().getName());
        }
        span.setStatus(StatusCode.ERROR, ErrorText.recorded(cause.getMessage()));
    }
}
