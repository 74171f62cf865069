package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.MetaKeys;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries progress back to the request that asked for it. Downstream sessions are shared by every
 * client, so a client's progress token is replaced by one unique to the gateway before the request
 * is forwarded; progress the server sends with that token goes to the asking request's stream with
 * the client's own token restored. Only that server's: every server's notifications come here.
 * Event loop only.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/progress">Progress</a>
 */
public final class ProgressRelay {
    public static final String PROGRESS = "notifications/progress";

    private record Route(String server, Object clientToken, Consumer<JsonObject> stream) {
    }

    private final Map<String, Route> routes = new HashMap<>();
    private long next;

    /**
     * The params to forward to {@code server}: unchanged without a progress token, else with a
     * gateway token that routes that server's progress to {@code stream}. Returns the token to
     * {@link #release}, or null.
     */
    public String register(String server, JsonObject params, Consumer<JsonObject> stream) {
        JsonObject meta = params.getJsonObject("_meta");
        if (meta == null || meta.getValue(MetaKeys.PROGRESS_TOKEN) == null) {
            return null;
        }
        String token = "mcpgw-progress-" + (++next);
        routes.put(token, new Route(server, meta.getValue(MetaKeys.PROGRESS_TOKEN), stream));
        meta.put(MetaKeys.PROGRESS_TOKEN, token);
        return token;
    }

    public void release(String token) {
        if (token != null) {
            routes.remove(token);
        }
    }

    /**
     * True when the notification was progress {@code server} sent for a request registered with it,
     * and was delivered. Tokens are counted, so a server could guess those of requests sent to
     * others: progress for one of them is not delivered.
     */
    public boolean route(String server, JsonObject notification) {
        if (!PROGRESS.equals(notification.getString("method"))) {
            return false;
        }
        JsonObject params = notification.getJsonObject("params", new JsonObject());
        Route route = routes.get(String.valueOf(params.getValue("progressToken")));
        if (route == null || !route.server().equals(server)) {
            return false;
        }
        route.stream().accept(notification.copy().put("params", params.copy().put("progressToken", route.clientToken())));
        return true;
    }
}
