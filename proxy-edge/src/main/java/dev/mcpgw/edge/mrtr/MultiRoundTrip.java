package dev.mcpgw.edge.mrtr;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.ResultTypes;
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
 * agent, tool and arguments) for {@link #STATE_LIFETIME}; the client's retry is a new call
 * (proposed and decided again: the policy may have changed) that must repeat the same call with
 * that state while it lasts, and the state is opened before the retry goes on to the server. A
 * retry naming another tool or other arguments would otherwise be decided on what it names while
 * answering (and, for a call the gateway holds, resuming) the call the state was issued for.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">Multi Round-Trip Requests</a>
 */
public final class MultiRoundTrip {
    /**
     * How long a sealed state may come back: long enough for a person to answer a form (the
     * gateway's own retry for a session-era client waits for one), short enough that a leaked state
     * dies. A retry is decided again anyway; a call the gateway holds ends sooner (HeldCalls).
     */
    public static final Duration STATE_LIFETIME = Duration.ofHours(1);
    private static final String REQUEST_STATE = "requestState";

    private final RequestStateSeal seal;
    private final Clock clock;

    public MultiRoundTrip(RequestStateSeal seal, Clock clock) {
        this.seal = seal;
        this.clock = clock;
    }

    /** What a call's params say about the round it is: a first attempt, or a retry with the attempt it follows. */
    public record Round(JsonObject forwardedParams, ReceiptRef previousAttempt) {
    }

    /**
     * The round of the call with {@code params} that {@code intent} proposes; a state that is not a
     * string, not this gateway's, issued to another agent, expired, or issued for another call is refused.
     */
    public Round roundOf(JsonObject params, Intent intent) {
        Object state = params.getValue(REQUEST_STATE);
        if (state == null) {
            return new Round(params, null);
        }
        if (!(state instanceof String sealed)) {
            throw invalid("requestState must be the string the gateway gave with the request for input");
        }
        RequestStateSeal.Binding binding = seal.open(sealed);
        if (!binding.agent().equals(intent.getAgent().getId())) {
            throw invalid("requestState was issued to another agent");
        }
        if (clock.millis() > binding.expiresAt()) {
            throw invalid("requestState expired at " + Instant.ofEpochMilli(binding.expiresAt())
                    + ": a retry must come within " + STATE_LIFETIME.toMinutes() + " minutes of the request for input");
        }
        if (!binding.server().equals(intent.getServer())) {
            throw invalid("requestState was issued for a call to server " + binding.server() + ", not " + intent.getServer());
        }
        if (!binding.tool().equals(intent.getTool())) {
            throw invalid("requestState was issued for a call to tool " + binding.tool() + ", not " + intent.getTool());
        }
        if (!binding.argumentsDigest().equals(SepRules.argumentsDigest(intent.getArgumentsJson()))) {
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

    /** The result as the client gets it: a request for input carries a state sealed to {@code intent}'s call and {@code attempt}. */
    public JsonObject relay(JsonObject result, Intent intent, ReceiptRef attempt) {
        if (result == null || !ResultTypes.INPUT_REQUIRED.equals(result.getValue("resultType"))) {
            return result;
        }
        String state = result.getValue(REQUEST_STATE) instanceof String s ? s : null;
        return result.put(REQUEST_STATE, seal.seal(new RequestStateSeal.Binding(intent.getServer(), intent.getAgent().getId(),
                intent.getTool(), SepRules.argumentsDigest(intent.getArgumentsJson()), state, attempt,
                clock.millis() + STATE_LIFETIME.toMillis())));
    }

    private static RpcException invalid(String why) {
        return new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: " + why);
    }
}
