package dev.mcpgw.edge.mrtr;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.ReceiptRef;
import io.vertx.core.json.JsonObject;

/**
 * A tools/call that is one round of a 2026-07-28 multi round-trip request, seen from the gateway:
 * the server's request for input goes to the client with the state sealed to that server and
 * agent; the client's retry is a new call (proposed and decided again: the policy may have
 * changed) whose sealed state must come back for the same server and agent, and is opened
 * before the retry goes on to the server.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">Multi Round-Trip Requests</a>
 */
public final class MultiRoundTrip {
    public static final String INPUT_REQUIRED = "input_required";
    private static final String REQUEST_STATE = "requestState";

    private final RequestStateSeal seal;

    public MultiRoundTrip(RequestStateSeal seal) {
        this.seal = seal;
    }

    /** What a call's params say about the round it is: a first attempt, or a retry with the attempt it follows. */
    public record Round(JsonObject forwardedParams, ReceiptRef previousAttempt) {
    }

    /** The round of a call to {@code server} by {@code agent}; a state that is not theirs is refused. */
    public Round roundOf(JsonObject params, String server, String agent) {
        if (!(params.getValue(REQUEST_STATE) instanceof String sealed)) {
            return new Round(params, null);
        }
        RequestStateSeal.Binding binding = seal.open(sealed);
        if (!binding.server().equals(server)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: requestState was issued for a call to server "
                    + binding.server() + ", not " + server);
        }
        if (!binding.agent().equals(agent)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: requestState was issued to another agent");
        }
        JsonObject forwarded = params.copy();
        if (binding.state() == null) {
            forwarded.remove(REQUEST_STATE);
        } else {
            forwarded.put(REQUEST_STATE, binding.state());
        }
        return new Round(forwarded, binding.attempt());
    }

    /** The result as the client gets it: a request for input carries a state sealed to this server, agent and attempt. */
    public JsonObject relay(JsonObject result, String server, String agent, ReceiptRef attempt) {
        if (result == null || !INPUT_REQUIRED.equals(result.getString("resultType"))) {
            return result;
        }
        String state = result.getValue(REQUEST_STATE) instanceof String s ? s : null;
        return result.put(REQUEST_STATE, seal.seal(new RequestStateSeal.Binding(server, agent, state, attempt)));
    }
}
