package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.DownstreamRouter;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the gateway offers its clients, in either era: tools always (with list changes), and
 * resources, prompts, completions and logging as the first server that has them declares them.
 */
public final class GatewayCapabilities {
    private static final List<String> PASSED_THROUGH = List.of("resources", "prompts", "completions", "logging");

    private GatewayCapabilities() {
    }

    public static JsonObject of(DownstreamRouter router) {
        JsonObject capabilities = new JsonObject().put("tools", new JsonObject().put("listChanged", true));
        for (String capability : PASSED_THROUGH) {
            router.firstWithCapability(capability).ifPresent(client ->
                    capabilities.put(capability, client.initializeResult().getJsonObject("capabilities").getValue(capability)));
        }
        return capabilities;
    }
}
