package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.task.TaskRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the gateway offers its clients, in either era: tools always (with list changes), the seed
 * draft's {@code authorization} (its SEP messages), and resources, prompts, completions and
 * logging as the first server that has them declares them; tasks and tool approval (the gateway's
 * own, for calls under human review) where the era has them.
 */
public final class GatewayCapabilities {
    private static final String RESOURCES = "resources";
    private static final List<String> PASSED_THROUGH = List.of(RESOURCES, "prompts", "completions", "logging");

    private GatewayCapabilities() {
    }

    /**
     * What initialize declares to a session of {@code version}: 2025-11-25 sessions also get
     * tasks (tools/call, list, cancel) and, as an experimental capability, tool approval.
     */
    public static JsonObject ofSession(DownstreamRouter router, String version) {
        JsonObject capabilities = of(router, Era.SESSION);
        if (ProtocolVersions.V2025_11_25.equals(version)) {
            capabilities.put("tasks", new JsonObject().put("list", new JsonObject()).put("cancel", new JsonObject())
                    .put("requests", new JsonObject().put("tools", new JsonObject().put("call", new JsonObject()))));
            capabilities.put("experimental", new JsonObject().put(TaskRequest.TOOL_APPROVAL, new JsonObject()));
        }
        return capabilities;
    }

    /** What server/discover declares to 2026-07-28 clients: also the tasks and tool-approval extensions. */
    public static JsonObject ofStateless(DownstreamRouter router) {
        return of(router, Era.STATELESS).put("extensions", new JsonObject().put(TaskRequest.EXTENSION, new JsonObject())
                .put(TaskRequest.TOOL_APPROVAL, new JsonObject()));
    }

    /**
     * The draft's capability, version 2026-03-14, and what the gateway adds to it: authorizations
     * bound to the arguments and usable once, and calls without one still evaluated inline (the
     * draft's "MUST reject" is not applied, so clients that do not speak the draft keep working).
     */
    static JsonObject authorization() {
        return new JsonObject()
                .put("version", "2026-03-14")
                .put("features", new JsonObject()
                        .put("policyEvaluation", true)
                        .put("approvalWorkflows", true)
                        .put("contentSafety", true)
                        .put("receiptChain", true)
                        .put("signedReceipts", true)
                        .put("argumentBinding", true)
                        .put("singleUse", true)
                        .put("inlineEvaluation", true));
    }

    /** What the servers offer {@code era}'s clients: a dual-era server's half of that era speaks for it. */
    static JsonObject of(DownstreamRouter router, Era era) {
        JsonObject capabilities = new JsonObject().put("tools", new JsonObject().put("listChanged", true))
                .put("authorization", authorization());
        for (String capability : PASSED_THROUGH) {
            router.firstWithCapability(capability, era).ifPresent(client ->
                    capabilities.put(capability, client.initializeResult().getJsonObject("capabilities").getValue(capability)));
        }
        // A dual-era server's half may lack subscriptions its other half has: the gateway's subscription is its own, so either serves.
        router.firstWithCapability(RESOURCES, era).filter(first -> router.reportsResourceUpdates(first.name(), era))
                .ifPresent(first -> capabilities.put(RESOURCES, (capabilities.getValue(RESOURCES) instanceof JsonObject declared
                        ? declared.copy() : new JsonObject()).put("subscribe", true)));
        return capabilities;
    }
}
