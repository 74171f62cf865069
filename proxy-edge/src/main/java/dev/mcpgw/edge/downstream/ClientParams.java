package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * What of a client's request a tool server is sent. The policy decides a request on what MCP says
 * the request is (a tool's name and arguments, a prompt's, a resource's URI, what a completion
 * completes), and content scanning reads those alone: anything else a client put in the params
 * would reach the server undecided and unscanned, beside the call the policy allowed (a credential
 * in an unknown field or {@code _meta} key would pass a rule that never lets one out). So the
 * server gets the fields MCP defines for the method, and of {@code _meta} the keys MCP and W3C
 * trace context define, each of which the edge replaces or checks on the way (the 2026-07-28
 * envelope, see {@link RequestEnvelope}; the progress token, see {@link ProgressRelay}; the trace
 * context, see {@code DownstreamTrace}), plus the keys the server's config lets through
 * ({@code mcpServers.NAME.forwardMeta}). Everything else is left out, silently: a client cannot
 * tell an extension a server ignores from one the gateway dropped, and neither changes the call.
 */
public final class ClientParams {
    /**
     * The fields of each method a client's request is forwarded by, besides {@code _meta}, in every
     * revision the edge speaks; {@code inputResponses} and {@code requestState} are a 2026-07-28
     * retry's answers to the server's request for input, and the server's own state. A 2025-11-25
     * {@code task} is left out on purpose: the gateway runs a client's task itself.
     */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            McpMethods.TOOLS_CALL, Set.of("name", "arguments", "inputResponses", "requestState"),
            McpMethods.PROMPTS_GET, Set.of("name", "arguments", "inputResponses", "requestState"),
            McpMethods.RESOURCES_READ, Set.of("uri", "inputResponses", "requestState"),
            McpMethods.COMPLETE, Set.of("ref", "argument", "context"));

    private static final Set<String> MCP_META = Set.of(MetaKeys.PROTOCOL_VERSION, MetaKeys.CLIENT_INFO, MetaKeys.CLIENT_CAPABILITIES,
            MetaKeys.LOG_LEVEL, MetaKeys.PROGRESS_TOKEN, MetaKeys.TRACEPARENT, MetaKeys.TRACESTATE);

    private ClientParams() {
    }

    /**
     * A copy of {@code params} holding only what a server may be sent of a client's {@code method}
     * request: the method's fields (a method not listed here keeps none) and the {@code _meta} keys
     * above, or {@code passedMeta}.
     */
    public static JsonObject forServer(String method, JsonObject params, Set<String> passedMeta) {
        JsonObject kept = new JsonObject();
        if (params == null) {
            return kept;
        }
        Set<String> fields = FIELDS.getOrDefault(method, Set.of());
        params.forEach(entry -> {
            if (fields.contains(entry.getKey())) {
                kept.put(entry.getKey(), entry.getValue());
            }
        });
        if (params.getValue("_meta") instanceof JsonObject meta) {
            JsonObject keptMeta = new JsonObject();
            meta.forEach(entry -> {
                if (MCP_META.contains(entry.getKey()) || passedMeta.contains(entry.getKey())) {
                    keptMeta.put(entry.getKey(), entry.getValue());
                }
            });
            if (!keptMeta.isEmpty()) {
                kept.put("_meta", keptMeta);
            }
        }
        return kept.copy();
    }
}
