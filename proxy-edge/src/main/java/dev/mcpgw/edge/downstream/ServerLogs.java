package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.LoggingLevels;
import dev.mcpgw.edge.mcp.McpMethods;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool server's log message that no request can claim (any message from a stdio server, whose
 * transport does not say which request a notification is about). Downstream sessions are shared by
 * every client, so handing it to one client could show it another agent's business: it goes to the
 * gateway's own log instead, from info up (the gateway asks servers for every level, for the
 * clients that want debug).
 */
public final class ServerLogs {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLogs.class);

    private ServerLogs() {
    }

    /** Writes the notification to the gateway's log if it is a log message; ignores anything else. */
    public static void record(String server, JsonObject notification) {
        if (!McpMethods.LOG_MESSAGE.equals(notification.getString("method"))) {
            return;
        }
        JsonObject params = notification.getValue("params") instanceof JsonObject p ? p : new JsonObject();
        if (!(params.getValue("level") instanceof String level) || !LoggingLevels.reaches(level, LoggingLevels.SESSION_DEFAULT)) {
            return;
        }
        LOG.atInfo().addKeyValue("server", server).addKeyValue("level", params.getValue("level"))
                .addKeyValue("logger", params.getValue("logger"))
                .log("[{} log] {}", server, params.getValue("data"));
    }
}
