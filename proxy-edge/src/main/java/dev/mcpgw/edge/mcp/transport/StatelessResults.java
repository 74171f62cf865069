package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.mcp.GatewayImplementation;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;

/**
 * Makes a result fit for a 2026-07-28 client: every result says what it is ({@code resultType},
 * {@code complete} unless a server said otherwise) and who answered (the gateway's
 * {@code serverInfo} in {@code _meta}); cacheable results carry how long and for whom they may be
 * cached. Discovery is the same for every agent, hence {@code public}; the lists show each agent
 * what its policy could allow it, hence {@code private}. Both change only when a server's list or
 * the policy does, which listeners hear at once, hence a short TTL. A
 * server's resource keeps what its server said, and otherwise is not to be cached.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/schema#result">Result</a>
 */
final class StatelessResults {
    /** For results no list is in: a stream's end, say. */
    static final StatelessResults DEFAULTS = new StatelessResults(Duration.ofSeconds(30));

    private final Map<String, CacheHint> cacheHints;

    private record CacheHint(long ttlMs, String scope) {
    }

    /** {@code listTtl}: how long clients may cache the gateway's lists and discovery. */
    StatelessResults(Duration listTtl) {
        CacheHint everyAgents = new CacheHint(listTtl.toMillis(), "public");
        CacheHint thisAgents = new CacheHint(listTtl.toMillis(), "private");
        this.cacheHints = Map.of(
                McpMethods.DISCOVER, everyAgents,
                McpMethods.TOOLS_LIST, thisAgents,
                McpMethods.PROMPTS_LIST, thisAgents,
                McpMethods.RESOURCES_LIST, thisAgents,
                McpMethods.RESOURCE_TEMPLATES_LIST, thisAgents,
                McpMethods.RESOURCES_READ, new CacheHint(0, "private"));
    }

    JsonObject complete(String method, JsonObject result) {
        JsonObject completed = result == null ? new JsonObject() : result;
        if (!completed.containsKey("resultType")) {
            completed.put("resultType", "complete");
        }
        JsonObject meta = completed.getValue("_meta") instanceof JsonObject m ? m : new JsonObject();
        completed.put("_meta", meta.put(MetaKeys.SERVER_INFO, GatewayImplementation.info()));
        CacheHint hint = cacheHints.get(method);
        if (hint != null && !completed.containsKey("ttlMs")) {
            completed.put("ttlMs", hint.ttlMs()).put("cacheScope", hint.scope());
        }
        return completed;
    }
}
