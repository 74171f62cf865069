package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.ResultTypes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one tool server asks the client while a call runs (elicitation, sampling, roots), as the
 * client gets it. Behind the gateway a client sees one server, the gateway, which also asks the
 * client's user to approve calls held for review. MCP asks a client to show its user which server
 * asks; only the gateway can say which tool server it is. So an elicitation's message begins with
 * "Tool server NAME asks: ", and a message that does not is the gateway's own. A sampling request
 * may ask the client to attach the context of "this server" or of all servers; to the client that
 * is its whole conversation with the gateway, every other tool server's results included, so the
 * request goes on asking for none (the client may ignore the field anyway). A request the gateway
 * cannot read this way is not relayed, and neither is one the server's config does not let it ask
 * ({@code mcpServers.NAME.clientRequests}): the server is told the client declared only what it may
 * ask. Of a request's {@code _meta}, the gateway's own keys are taken out, as of a server's answer
 * (see {@link ServerAnswers}); an input request goes on as a method and params, nothing else.
 * Where the gateway writes a server's method or input key into an error or a log line, it is
 * quoted as a JSON string, so that it cannot add lines of its own.
 */
public final class ServerQuestions {
    static final String ELICITATION = "elicitation/create";
    static final String SAMPLING = "sampling/createMessage";
    private static final String NO_CONTEXT = "none";
    private static final Logger LOG = LoggerFactory.getLogger(ServerQuestions.class);

    private final String server;
    private final Set<String> mayAsk;

    /** The questions of {@code server}, which may ask the client for the capabilities {@code mayAsk} names. */
    public ServerQuestions(String server, Set<String> mayAsk) {
        this.server = server;
        this.mayAsk = Set.copyOf(mayAsk);
    }

    /**
     * The client as this server reaches it: it has declared no capability the server may not use,
     * each request is marked before it is asked, and an answer carrying a credential, a result or an
     * error, does not go back to the server (see {@link CredentialsInAnswers}).
     */
    public ClientRequests asking(ClientRequests client) {
        return new ClientRequests() {
            @Override
            public JsonObject capabilities() {
                JsonObject declared = client.capabilities().copy();
                declared.fieldNames().removeIf(capability -> ClientRequests.CAPABILITY_OF.containsValue(capability) && !mayAsk.contains(capability));
                // The gateway relays no question as a task, nor the tasks/* requests that would follow one.
                declared.remove("tasks");
                return declared;
            }

            @Override
            public Optional<String> logLevel() {
                return client.logLevel();
            }

            @Override
            public Future<JsonObject> send(String method, JsonObject params) {
                JsonObject marked;
                try {
                    marked = marked(method, params, ErrorCodes.METHOD_NOT_FOUND);
                } catch (RpcException refused) {
                    return Future.failedFuture(refused);
                }
                return client.send(method, marked)
                        // A client's error answer (its message, its data) goes back to the server too.
                        .recover(error -> Future.failedFuture(error instanceof RpcException answered
                                ? CredentialsInAnswers.refusal(server, answered.toErrorObject(), ErrorCodes.INTERNAL_ERROR).orElse(answered)
                                : error))
                        .compose(answer -> CredentialsInAnswers.passed(server, answer, ErrorCodes.INTERNAL_ERROR));
            }
        };
    }

    /**
     * {@code params} of the request {@code method} as the client is asked them (a copy); throws
     * RpcException for a request no server or not this one may ask ({@code notAllowed}, its code)
     * and for an elicitation without a message (invalid params).
     */
    JsonObject marked(String method, JsonObject params, int notAllowed) {
        String capability = ClientRequests.CAPABILITY_OF.get(method);
        if (capability == null) {
            throw refused(notAllowed, "The gateway relays no " + Json.encode(method) + " from a tool server to a client", method);
        }
        if (!mayAsk.contains(capability)) {
            throw refused(notAllowed, "The gateway does not let tool server " + server + " ask the client " + method
                    + " (mcpServers." + server + ".clientRequests)", method);
        }
        JsonObject marked = ServerAnswers.withoutGatewayMeta(params == null ? new JsonObject() : params.copy());
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
     * A 2026-07-28 server's result: when it asks for input, its requests marked as {@link #asking}
     * marks them, in place, and returned. Throws RpcException when a request is not one the gateway
     * can read, or one this server may not ask: the call fails rather than ask the client something unmarked.
     */
    public JsonObject withMarkedInputRequests(JsonObject result) {
        if (result == null || !ResultTypes.INPUT_REQUIRED.equals(result.getValue("resultType")) || result.getValue("inputRequests") == null) {
            return result;
        }
        JsonObject marked = new JsonObject();
        inputRequests(result.getValue("inputRequests")).forEach((key, request) -> {
            JsonObject params;
            try {
                params = marked(request.getString("method"), request.getJsonObject("params"), ErrorCodes.INTERNAL_ERROR);
            } catch (RpcException refused) {
                throw refused.code() == ErrorCodes.INVALID_PARAMS ? unreadable("its input request " + Json.encode(key) + ": " + refused.getMessage()) : refused;
            }
            marked.put(key, new JsonObject().put("method", request.getString("method")).put("params", params));
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
                throw unreadable("its input request " + Json.encode(entry.getKey()) + " is not a request with a method and params objects");
            }
            requests.put(entry.getKey(), request);
        }
        return requests;
    }

    private RpcException refused(int code, String why, String method) {
        LOG.info("tool server {} asked the client {} during a call: refused", server, Json.encode(method));
        return new RpcException(code, why);
    }

    private static RpcException unreadable(String why) {
        return new RpcException(ErrorCodes.INTERNAL_ERROR, "The tool server asked for input the gateway cannot read: " + why);
    }
}
