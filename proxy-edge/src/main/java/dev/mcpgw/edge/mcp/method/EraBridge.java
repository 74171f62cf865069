package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.CredentialsInAnswers;
import dev.mcpgw.edge.downstream.DownstreamClient;
import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.downstream.Forwarder;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.ResultTypes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mrtr.ClientFulfilment;
import dev.mcpgw.edge.mrtr.HeldCalls;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * How a tools/call crosses between a client and a server of different eras, where the server asks
 * the client for input (elicitation, sampling, roots) while the call runs. A 2026-07-28 client
 * cannot be asked during its call: its call to a session-era server is held, each question comes
 * back to it as an input-required result, and its retry answers the held call (see
 * {@link HeldCalls}). A session-era client cannot retry by itself: what a 2026-07-28 server asks it
 * is asked of it the session era's way, and its answers make the retry (see
 * {@link ClientFulfilment}). A call within one era goes straight through.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">Multi Round-Trip Requests</a>
 */
public final class EraBridge {
    private final DownstreamRouter router;
    private final Forwarder forwarder;
    private final HeldCalls held;

    public EraBridge(DownstreamRouter router, Forwarder forwarder, HeldCalls held) {
        this.router = router;
        this.forwarder = forwarder;
        this.held = held;
    }

    /**
     * Sends the call to {@code server} (its half of the client's era, for a dual-era server) with {@code params}, and what the server asks meanwhile to
     * {@code asker}; a retry that answers a held call goes on with that call instead.
     */
    public Future<JsonObject> forward(McpCall call, String server, JsonObject params, ClientRequests asker) {
        Optional<String> heldCall = heldCallOf(params);
        if (heldCall.isPresent()) {
            return held.resume(heldCall.get(), call.paramsOrEmpty().getJsonObject("inputResponses"), call.cancellation());
        }
        DownstreamClient downstream = router.client(server, call.era());
        if (call.era().isStateless() && !downstream.era().isStateless()) {
            return heldFor(call, downstream, params);
        }
        return forwarder.forward(downstream, McpMethods.TOOLS_CALL, params, call.notifications(), call.cancellation(), asker);
    }

    /** A 2026 client's call to a session-era server: held, so that what the server asks can come back to the client as results. */
    private Future<JsonObject> heldFor(McpCall call, DownstreamClient downstream, JsonObject params) {
        Cancellation heldCancellation = new Cancellation();
        call.cancellation().onCancel(heldCancellation::cancel);
        return held.start(call.client().capabilities(), holder -> forwarder.forward(downstream, McpMethods.TOOLS_CALL, params,
                call.notifications(), heldCancellation, holder), heldCancellation);
    }

    /** The call with {@code params} is not sent on (its retry was not allowed): the held call it would have answered is given up. */
    public void notForwarded(JsonObject params) {
        heldCallOf(params).ifPresent(id -> held.abandon(id, "the retry was not allowed"));
    }

    /**
     * A 2026-07-28 server's request for input, in the {@code round}th round of a session-era
     * client's call to {@code server}: the client is asked what the server asked, and the future
     * holds what its retry carries ({@code inputResponses} and {@code requestState}). Answers
     * carrying a credential fail the call before a retry is proposed (see
     * {@link CredentialsInAnswers}): nothing is decided on what cannot go on. Empty when
     * {@code result} is the call's answer.
     */
    public static Optional<Future<JsonObject>> answersOfASessionClient(McpCall call, String server, JsonObject result, int round) {
        if (!ResultTypes.INPUT_REQUIRED.equals(result.getValue("resultType")) || call.era().isStateless()) {
            return Optional.empty();
        }
        if (round >= ClientFulfilment.MAX_ROUNDS) {
            return Optional.of(Future.failedFuture(new RpcException(ErrorCodes.INTERNAL_ERROR,
                    "the tool server still asked for input after " + round + " rounds; the gateway gave up the call")));
        }
        String requestState = result.getValue("requestState") instanceof String state ? state : null;
        return Optional.of(ClientFulfilment.answer(result.getValue("inputRequests"), call.client())
                .compose(responses -> CredentialsInAnswers.passed(server, responses, ErrorCodes.INVALID_PARAMS))
                .map(responses -> new JsonObject().put("inputResponses", responses).put("requestState", requestState)));
    }

    private static Optional<String> heldCallOf(JsonObject params) {
        return HeldCalls.heldCallOf(params.getString("requestState"));
    }
}
