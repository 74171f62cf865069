package dev.mcpgw.edge.subscription;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a {@code subscriptions/listen} client opted in to, narrowed to what the gateway can deliver
 * (a list's changes only where a server behind it announces them, resource updates only where a
 * server takes subscriptions). The honoured filter is what the acknowledgement sends back.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#receiving-messages">Receiving Messages</a>
 */
public record SubscriptionFilter(boolean toolsListChanged, boolean promptsListChanged, boolean resourcesListChanged,
                                 List<String> resourceSubscriptions) {

    /** The part of {@code requested} (the request's {@code notifications}) that {@code capabilities} can honour. */
    public static SubscriptionFilter honoured(JsonObject requested, JsonObject capabilities) {
        JsonObject wanted = requested == null ? new JsonObject() : requested;
        List<String> uris = wanted.getValue("resourceSubscriptions") instanceof JsonArray list
                ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
        return new SubscriptionFilter(
                wanted.getBoolean("toolsListChanged", false) && offers(capabilities, "tools", "listChanged"),
                wanted.getBoolean("promptsListChanged", false) && offers(capabilities, "prompts", "listChanged"),
                wanted.getBoolean("resourcesListChanged", false) && offers(capabilities, "resources", "listChanged"),
                offers(capabilities, "resources", "subscribe") ? uris : List.of());
    }

    private static boolean offers(JsonObject capabilities, String feature, String flag) {
        return capabilities.getValue(feature) instanceof JsonObject offered && offered.getBoolean(flag, false);
    }

    /** This filter with {@code uris} as its resource subscriptions: those of its own the policy allowed. */
    public SubscriptionFilter withResourceSubscriptions(List<String> uris) {
        return new SubscriptionFilter(toolsListChanged, promptsListChanged, resourcesListChanged, List.copyOf(uris));
    }

    public boolean isEmpty() {
        return !toolsListChanged && !promptsListChanged && !resourcesListChanged && resourceSubscriptions.isEmpty();
    }

    public boolean accepts(JsonObject notification) {
        return switch (notification.getString("method", "")) {
            case "notifications/tools/list_changed" -> toolsListChanged;
            case "notifications/prompts/list_changed" -> promptsListChanged;
            case "notifications/resources/list_changed" -> resourcesListChanged;
            case "notifications/resources/updated" -> notification.getValue("params") instanceof JsonObject params
                    && resourceSubscriptions.contains(params.getString("uri"));
            default -> false;
        };
    }

    /** The filter as the acknowledgement states it: only what is honoured. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        if (toolsListChanged) {
            json.put("toolsListChanged", true);
        }
        if (promptsListChanged) {
            json.put("promptsListChanged", true);
        }
        if (resourcesListChanged) {
            json.put("resourcesListChanged", true);
        }
        if (!resourceSubscriptions.isEmpty()) {
            json.put("resourceSubscriptions", new JsonArray(resourceSubscriptions));
        }
        return json;
    }
}
