package dev.mcpgw.policy;

import dev.mcpgw.policy.match.WireName;

/** The MCP requests the engine decides, spelled in policies by their method names. */
public enum RequestKind implements WireName {
    TOOLS_CALL("tools/call"),
    PROMPTS_GET("prompts/get"),
    RESOURCES_READ("resources/read"),
    RESOURCES_SUBSCRIBE("resources/subscribe"),
    COMPLETION_COMPLETE("completion/complete");

    private final String method;

    RequestKind(String method) {
        this.method = method;
    }

    @Override
    public String wireName() {
        return method;
    }

    public static RequestKind of(String method) {
        return WireName.parse(RequestKind.class, method, "request");
    }
}
