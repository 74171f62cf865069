package dev.mcpgw.edge.mcp;

import java.util.Set;

/** MCP method names the edge handles itself. */
public final class McpMethods {
    public static final String INITIALIZE = "initialize";
    public static final String INITIALIZED = "notifications/initialized";
    public static final String PING = "ping";
    public static final String TOOLS_LIST = "tools/list";
    public static final String TOOLS_CALL = "tools/call";
    public static final String CANCELLED = "notifications/cancelled";
    public static final String LOG_MESSAGE = "notifications/message";
    public static final String DISCOVER = "server/discover";
    public static final String SUBSCRIPTIONS_LISTEN = "subscriptions/listen";
    public static final String PROMPTS_LIST = "prompts/list";
    public static final String PROMPTS_GET = "prompts/get";
    public static final String RESOURCES_LIST = "resources/list";
    public static final String RESOURCES_READ = "resources/read";
    public static final String RESOURCES_SUBSCRIBE = "resources/subscribe";
    public static final String RESOURCES_UNSUBSCRIBE = "resources/unsubscribe";
    public static final String RESOURCE_TEMPLATES_LIST = "resources/templates/list";
    public static final String COMPLETE = "completion/complete";
    public static final String LOGGING_SET_LEVEL = "logging/setLevel";
    public static final String TASKS_GET = "tasks/get";
    public static final String TASKS_RESULT = "tasks/result";
    public static final String TASKS_LIST = "tasks/list";
    public static final String TASKS_CANCEL = "tasks/cancel";
    public static final String TASKS_UPDATE = "tasks/update";
    /** 2025-11-25: a task of the requestor's moved on. */
    public static final String TASK_STATUS = "notifications/tasks/status";
    /** The seed's SEP draft (pre-execution authorization): served in both eras. */
    public static final String AUTHORIZATION_PROPOSE = "authorization/propose";
    public static final String AUTHORIZATION_DECIDE = "authorization/decide";
    public static final String AUTHORIZATION_RECEIPT = "authorization/receipt";

    /** What a session-era client may call on the gateway. */
    public static final Set<String> SESSION_ERA = Set.of(INITIALIZE, PING, TOOLS_LIST, TOOLS_CALL, PROMPTS_LIST, PROMPTS_GET,
            RESOURCES_LIST, RESOURCES_READ, RESOURCES_SUBSCRIBE, RESOURCES_UNSUBSCRIBE, RESOURCE_TEMPLATES_LIST, COMPLETE,
            LOGGING_SET_LEVEL, TASKS_GET, TASKS_RESULT, TASKS_LIST, TASKS_CANCEL, AUTHORIZATION_PROPOSE, AUTHORIZATION_DECIDE,
            AUTHORIZATION_RECEIPT);
    /** What a 2026-07-28 client may call: no handshake, ping, logging level or resource subscriptions; discovery instead. */
    public static final Set<String> STATELESS_ERA = Set.of(DISCOVER, TOOLS_LIST, TOOLS_CALL, PROMPTS_LIST, PROMPTS_GET,
            RESOURCES_LIST, RESOURCES_READ, RESOURCE_TEMPLATES_LIST, COMPLETE, TASKS_GET, TASKS_CANCEL, TASKS_UPDATE,
            AUTHORIZATION_PROPOSE, AUTHORIZATION_DECIDE, AUTHORIZATION_RECEIPT);

    private McpMethods() {
    }
}
