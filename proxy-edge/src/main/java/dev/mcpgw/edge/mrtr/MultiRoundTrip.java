package dev.mcpgw.edge.mrtr;

import dev.mcpgw.edge.limits.CanonicalArguments;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.SepRules;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A tools/call that is one round of a 2026-07-28 multi round-trip request, seen from the gateway:
 * the server's request for input goes to the client with the state sealed to that call (server,
 * agent, tool and arguments) for {@code lifetime}; the client's retry is a new call (proposed and
 * decided again: the policy may have changed) that must repeat the same call with that state while
 * it lasts, and the state is opened before the retry goes on to the server. A retry naming another
 * tool or other arguments would otherwise be decided on what it names while answering (and, for a
 * call the gateway holds, resuming) the call the state was issued for.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">Multi Round-Trip Requests</a>
 */
public final class MultiRoundTrip {
    public static final String INPUT_REQUIRED = "input_required";
    private static final String REQUEST_STATE = "requestState";

    private final RequestStateSeal seal;
    private final CanonicalArguments arguments;
    private final Clock clock;
    private final Duration lifetime;

    public MultiRoundTrip(RequestStateSeal seal, CanonicalArguments arguments, Clock clock, Duration lifetime) {
        this.seal = seal;
        this.arguments = arguments;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** What a call's params say about the round it is: a first attempt, or a retry with the attempt it follows. */
    public record Round(JsonObject forwardedParams, ReceiptRef previousAttempt) {
    }

    /**
     * The round of a call by {@code agent} to {@code tool} (as {@code server} names it); a state that
     * is not a string, not this gateway's, expired, or issued for another call is refused.
     */
    public Round roundOf(JsonObject params, String server, String tool, String agent) {
        if (!params.containsKey(REQUEST_STATE)) {
            return new Round(params, null);
        }
        if (!(params.getValue(REQUEST_STATE) instanceof String sealed)) {
            throw invalid("requestState must be the string the gateway gave with the request for input");
        }
        RequestStateSeal.Binding binding = seal.open(sealed);
        if (clock.millis() > binding.expiresAt()) {
            throw invalid("requestState expired at " + Instant.ofEpochMilli(binding.expiresAt())
                    + ": a retry must come within " + lifetime.toSeconds() + " s of the request for input");
        }
        if (!binding.server().equals(server)) {
            throw invalid("requestState was issued for a call to server " + binding.server() + ", not " + server);
        }
        if (!binding.agent().equals(agent)) {
            throw invalid("requestState was issued to another agent");
        }
        if (!binding.tool().equals(tool)) {
            throw invalid("requestState was issued for a call to tool " + binding.tool() + ", not " + tool);
        }
        if (!binding.argumentsDigest().equals(SepRules.argumentsDigest(arguments.of(params.getJsonObject("arguments"))))) {
            throw invalid("requestState was issued for a call with other arguments: a retry repeats the call it answers");
        }
        JsonObject forwarded = params.copy();
        if (binding.state() == null) {
            forwarded.remove(REQUEST_STATE);
        } else {
            forwarded.put(REQUEST_STATE, binding.state());
        }
        return new Round(forwarded, binding.attempt());
    }

    /** The result as the client gets it: a request for input carries a state sealed to {@code intent}'s call and its decision's {@code attempt}. */
    public JsonObject relay(JsonObject result, Intent intent, ReceiptRef attempt) {
        if (result == null || !INPUT_REQUIRED.equals(result.getString("resultType"))) {
            return result;
        }
        String state = result.getValue(REQUEST_STATE) instanceof String s ? s : null;
        return result.put(REQUEST_STATE, seal.seal(new RequestStateSeal.Binding(intent.getServer(), intent.getAgent().getId(),
                intent.getTool(), SepRules.argumentsDigest(intent.getArgumentsJson()), state, attempt,
                clock.millis() + lifetime.toMillis())));
    }

    private static RpcException invalid(String why) {
        return new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: " + why);
    }
}
