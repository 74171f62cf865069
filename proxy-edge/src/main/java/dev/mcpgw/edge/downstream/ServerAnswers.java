package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What a client is told in a tool server's name carries nothing that reads as the gateway's own
 * word. The gateway writes its decision, the denial envelope, an approval task's disposition and
 * the task a result belongs to into results' {@code _meta}, and answers with error codes of its
 * own; a server that wrote the same would have a client (or the person behind it) believe a call
 * was refused, held for a review, or tied to a task that it never was. So those keys are taken out
 * of a server's result and of its notifications, and a server's error with one of the gateway's codes reaches the client as
 * an internal error naming the server, its own code and data inside.
 */
public final class ServerAnswers {
    private static final Set<String> GATEWAY_META = Set.of(MetaKeys.AUTHORIZATION, MetaKeys.TOOL_APPROVAL_DISPOSITION,
            MetaKeys.RELATED_TASK, MetaKeys.MODEL_IMMEDIATE_RESPONSE);

    private ServerAnswers() {
    }

    /** {@code result} without the gateway's keys in its {@code _meta}: changed in place, and returned. */
    public static JsonObject withoutGatewayMeta(JsonObject result) {
        if (result != null && result.getValue("_meta") instanceof JsonObject meta) {
            meta.fieldNames().removeIf(key -> GATEWAY_META.contains(key) || key.startsWith(MetaKeys.GATEWAY_PREFIX));
        }
        return result;
    }

    /** A server's notification (progress, a log message) without the gateway's keys in its params' {@code _meta}: changed in place, and returned. */
    public static JsonObject notificationWithoutGatewayMeta(JsonObject notification) {
        if (notification != null && notification.getValue("params") instanceof JsonObject params) {
            withoutGatewayMeta(params);
        }
        return notification;
    }

    /** The failure a server's JSON-RPC {@code error} becomes: as it was, unless its code is one the gateway answers with. */
    public static RpcException error(String server, JsonObject error) {
        RpcException relayed = RpcException.fromErrorObject(error);
        if (!ErrorCodes.isGateways(relayed.code())) {
            return relayed;
        }
        JsonObject data = new JsonObject().put("server", server).put("code", relayed.code());
        if (error.getValue("data") != null) {
            data.put("data", error.getValue("data"));
        }
        return new RpcException(ErrorCodes.INTERNAL_ERROR, "Tool server " + server + " answered with an error: " + relayed.getMessage(), data);
    }
}
