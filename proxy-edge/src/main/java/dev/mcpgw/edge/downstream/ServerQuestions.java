package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a tool server asks the client while a call runs (elicitation, sampling, roots), as the
 * client gets it. Behind the gateway a client sees one server, the gateway, which also asks the
 * client's user to approve calls held for review. MCP asks a client to show its user which server
 * asks; only the gateway can say which tool server it is. So an elicitation's message begins with
 * "Tool server NAME asks: ", and a message that does not is the gateway's own. A sampling request
 * may ask the client to attach the context of "this server" or of all servers; to the client that
 * is its whole conversation with the gateway, every other tool server's results included, so the
 * request goes on asking for none (the client may ignore the field anyway). A request the gateway
 * cannot read this way is not relayed.
 */
public final class ServerQuestions {
    static final String ELICITATION = "elicitation/create";
    static final String SAMPLING = "sampling/createMessage";
    private static final String NO_CONTEXT = "none";

    private ServerQuestions() {
    }

    /** The client as the tool server {@code server} reaches it: each request marked before it is asked. */
    public static ClientRequests askedBy(String server, ClientRequests client) {
        return new ClientRequests() {
            @Override
            public JsonObject capabilities() {
                return client.capabilities();
            }

            @Override
            public Optional<String> logLevel() {
                return client.logLevel();
            }

            @Override
            public Future<JsonObject> send(String method, JsonObject params) {
                JsonObject marked;
                try {
                    marked = marked(server, method, params);
                } catch (RpcException unreadable) {
                    return Future.failedFuture(unreadable);
                }
                return client.send(method, marked);
            }
        };
    }

    /**
     * {@code params} of the request {@code method} as the client is asked them (a copy); throws
     * RpcException (invalid params) for an elicitation without a message.
     */
    public static JsonObject marked(String server, String method, JsonObject params) {
        JsonObject marked = params == null ? new JsonObject() : params.copy();
        if (ELICITATION.equals(method)) {
            if (!(marked.getValue("message") instanceof String message)) {
                throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: " + ELICITATION + " needs a message, a string");
            }
            marked.put("message", "Tool server " + server + " asks: " + message);
        } else if (SAMPLING.equals(method) && marked.containsKey("includeContext")) {
            marked.put("includeContext", NO_CONTEXT);
        }
        return marked;
    }

    /**
     * A 2026-07-28 server's result: when it asks for input, its requests marked as {@link #marked}
     * does, in place, and returned. Throws RpcException when a request is not one the gateway can
     * read: the call fails rather than ask the client something unmarked.
     */
    public static JsonObject withMarkedInputRequests(String server, JsonObject result) {
        if (result == null || !"input_required".equals(result.getValue("resultType")) || result.getValue("inputRequests") == null) {
            return result;
        }
        Map<String, JsonObject> requests = inputRequests(result.getValue("inputRequests"));
        JsonObject marked = new JsonObject();
        requests.forEach((key, request) -> {
            String method = request.getString("method");
            JsonObject params;
            try {
                params = marked(server, method, request.getJsonObject("params"));
            } catch (RpcException unreadable) {
                throw unreadable("its input request " + key + ": " + unreadable.getMessage());
            }
            marked.put(key, request.copy().put("params", params));
        });
        return result.put("inputRequests", marked);
    }

    /**
     * A 2026-07-28 server's {@code inputRequests}, by key, each a request object with a method and
     * params (an object, or none); throws RpcException when they are not.
     */
    public static Map<String, JsonObject> inputRequests(Object inputRequests) {
        if (inputRequests != null && !(inputRequests instanceof JsonObject)) {
            throw unreadable("its inputRequests are not an object");
        }
        Map<String, JsonObject> requests = new LinkedHashMap<>();
        if (inputRequests == null) {
            return requests;
        }
        for (Map.Entry<String, Object> entry : (JsonObject) inputRequests) {
            if (!(entry.getValue() instanceof JsonObject request) || !(request.getValue("method") instanceof String)
                    || request.getValue("params") != null && !(request.getValue("params") instanceof JsonObject)) {
                throw unreadable("its input request " + entry.getKey() + " is not a request with a method and params objects");
            }
            requests.put(entry.getKey(), request);
        }
        return requests;
    }

    private static RpcException unreadable(String why) {
        return new RpcException(ErrorCodes.INTERNAL_ERROR, "The tool server asked for input the gateway cannot read: " + why);
    }
}
