package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.MetaKeys;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One client request, era-neutral: who asked (authenticated), which method with which params, in
 * which protocol revision and so which era (decided once, by the transport that received it, and
 * asked of the call from then on), where notifications about this request (progress) go, the client's
 * cancellation of it, the request's context as the transport saw it (sourceIp, userAgent), what
 * the client declared it can be asked while the request runs, the trace context of the HTTP
 * request that carried it (its {@code traceparent} and {@code tracestate} headers, as far as well
 * formed), and the MCP session it belongs to (null for a 2026-07-28 request, which has none).
 */
public record McpCall(Agent agent, Object id, String method, JsonObject params, String protocolVersion, Era era,
                      Consumer<JsonObject> notifications, Cancellation cancellation, Map<String, String> context,
                      ClientRequests client, TraceContext transportTrace, String sessionId) {

    /** A call whose transport carried no trace context, in no session, of its revision's era. */
    public McpCall(Agent agent, Object id, String method, JsonObject params, String protocolVersion,
                   Consumer<JsonObject> notifications, Cancellation cancellation, Map<String, String> context, ClientRequests client) {
        this(agent, id, method, params, protocolVersion, Era.of(protocolVersion), notifications, cancellation, context, client,
                TraceContext.NONE, null);
    }

    /** The same call with other params (a retry the gateway makes on the client's behalf). */
    public McpCall withParams(JsonObject newParams) {
        return new McpCall(agent, id, method, newParams, protocolVersion, era, notifications, cancellation, context, client, transportTrace,
                sessionId);
    }

    public JsonObject paramsOrEmpty() {
        return params == null ? new JsonObject() : params;
    }

    /**
     * W3C trace context the client put in {@code _meta} ({@code traceparent}, {@code tracestate}),
     * as MCP carries it per message; else the HTTP request's; each null when absent or malformed
     * (see {@link TraceContext#of}).
     */
    public TraceContext traceContext() {
        JsonObject meta = paramsOrEmpty().getValue("_meta") instanceof JsonObject m ? m : new JsonObject();
        TraceContext inMeta = TraceContext.of(meta.getValue(MetaKeys.TRACEPARENT) instanceof String parent ? parent : null,
                meta.getValue(MetaKeys.TRACESTATE) instanceof String state ? state : null);
        return inMeta.traceparent() == null && transportTrace != null ? transportTrace : inMeta;
    }

    /** W3C trace context: the parent span, and the vendors' state that travels with it. */
    public record TraceContext(String traceparent, String tracestate) {
        public static final TraceContext NONE = new TraceContext(null, null);
        /**
         * A version-00 traceparent (a later version is read by its version-00 fields, the rest
         * dropped), whose trace and parent ids are not all zeros. Written out because the format is
         * one line of the W3C recommendation and nothing else in the edge needs a tracing library yet.
         */
        private static final Pattern TRACEPARENT = Pattern.compile(
                "(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
        /** The recommendation lets a receiver drop a tracestate longer than this; printable ASCII only. */
        static final int MAX_TRACESTATE_CHARS = 512;
        private static final Pattern TRACESTATE = Pattern.compile("[\\x20-\\x7e]{0," + MAX_TRACESTATE_CHARS + "}");

        /**
         * The context an agent sent, as far as it is well formed: it goes into the intent and so into
         * the trail, so a malformed traceparent is dropped with its tracestate (the receiver then
         * starts a new trace, as the recommendation says), and an overlong or non-ASCII tracestate is dropped alone.
         *
         * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">Trace Context, traceparent</a>
         */
        public static TraceContext of(String traceparent, String tracestate) {
            if (traceparent == null || traceparent.length() < 55) {
                return new TraceContext(null, null);
            }
            String fields = traceparent.substring(0, 55);
            boolean versionZero = fields.startsWith("00");
            boolean wellFormed = TRACEPARENT.matcher(fields).matches()
                    && (versionZero ? traceparent.length() == 55 : traceparent.length() == 55 || traceparent.charAt(55) == '-');
            if (!wellFormed) {
                return new TraceContext(null, null);
            }
            boolean stateKept = tracestate != null && TRACESTATE.matcher(tracestate).matches();
            return new TraceContext(fields, stateKept ? tracestate : null);
        }
    }
}
