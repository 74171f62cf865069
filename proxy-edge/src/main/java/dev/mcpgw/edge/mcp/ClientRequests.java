package dev.mcpgw.edge.mcp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * What the gateway may ask the client while one of its calls runs (elicitation, sampling, roots),
 * on its own behalf or a tool server's: the capabilities the client declared, and the way to ask.
 * A session-era client is asked on the call's own response stream; a 2026-07-28 client is never
 * asked directly (it gets an input-required result instead), so its {@code send} fails.
 */
public interface ClientRequests {
    /** The capability a client must declare to be asked each of these. */
    Map<String, String> CAPABILITY_OF = Map.of(
            "elicitation/create", "elicitation", "sampling/createMessage", "sampling", "roots/list", "roots");

    JsonObject capabilities();

    /**
     * The level from which the client hears the call's log messages, when the gateway keeps it for
     * the client (a session's logging/setLevel, or its default); empty when the client names it in
     * each request itself (2026-07-28), or hears none.
     */
    default Optional<String> logLevel() {
        return Optional.empty();
    }

    /** Why {@code method} may not be asked of this client (unknown, or a capability it did not declare); empty when it may. */
    default Optional<RpcException> refusal(String method) {
        String capability = CAPABILITY_OF.get(method);
        if (capability == null) {
            return Optional.of(new RpcException(ErrorCodes.INVALID_REQUEST, "the gateway does not ask a client " + method));
        }
        if (!capabilities().containsKey(capability)) {
            return Optional.of(new RpcException(ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
                    method + " needs the client capability " + capability + ", which this client did not declare",
                    new JsonObject().put("requiredCapabilities", new JsonObject().put(capability, new JsonObject()))));
        }
        return Optional.empty();
    }

    /** Asks the client; the future holds its result, or fails with its error. */
    Future<JsonObject> send(String method, JsonObject params);

    /** A client that declared the given capabilities and can be asked nothing directly. */
    static ClientRequests declaredOnly(JsonObject capabilities) {
        JsonObject declared = capabilities == null ? new JsonObject() : capabilities;
        return new ClientRequests() {
            @Override
            public JsonObject capabilities() {
                return declared;
            }

            @Override
            public Future<JsonObject> send(String method, JsonObject params) {
                return Future.failedFuture(new RpcException(ErrorCodes.INTERNAL_ERROR,
                        "the gateway cannot send " + method + " to this client during the call"));
            }
        };
    }
}
