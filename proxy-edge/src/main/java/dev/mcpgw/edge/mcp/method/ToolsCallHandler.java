package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.decision.Authorizer;
import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.downstream.Forwarder;
import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mrtr.MultiRoundTrip;
import dev.mcpgw.edge.outcome.OutcomeRecorder;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Inline evaluation of a plain tools/call: the call is proposed, and forwarded to its server only
 * when the decision is ALLOW; how the forwarded call ended is then recorded as its outcome. A
 * 2026-07-28 retry that answers the server's request for input is a call like any other, linked
 * to the attempt it follows. DENY and REVIEW come back as a tool result with {@code isError} set,
 * so the model sees why; the decision and its receipt ride in {@code _meta}.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools#calling-tools">Tools, Calling tools</a>
 */
public final class ToolsCallHandler implements MethodHandler {
    public static final String DECISION_META = "dev.mcpgw/decision";

    private final Catalog catalog;
    private final Authorizer authorizer;
    private final DownstreamRouter router;
    private final Forwarder forwarder;
    private final OutcomeRecorder outcomes;
    private final MultiRoundTrip rounds;

    public ToolsCallHandler(Catalog catalog, Authorizer authorizer, DownstreamRouter router, Forwarder forwarder, OutcomeRecorder outcomes,
                            MultiRoundTrip rounds) {
        this.catalog = catalog;
        this.authorizer = authorizer;
        this.router = router;
        this.forwarder = forwarder;
        this.outcomes = outcomes;
        this.rounds = rounds;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        JsonObject params = call.paramsOrEmpty();
        if (!(params.getValue("name") instanceof String name)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: tools/call needs a tool name");
        }
        if (params.containsKey("arguments") && !(params.getValue("arguments") instanceof JsonObject)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: arguments must be an object");
        }
        Catalog.Entry tool = catalog.lookup(name)
                .orElseThrow(() -> new RpcException(ErrorCodes.INVALID_PARAMS, "Unknown tool: " + name));
        String agent = call.agent().id();
        MultiRoundTrip.Round round = rounds.roundOf(params, tool.server(), agent);
        Intent intent = authorizer.intent(new Authorizer.ToolCall(call.agent(), tool.server(), tool.name(),
                params.getJsonObject("arguments"), call.protocolVersion(), call.traceContext(), round.previousAttempt(), call.context()));
        return authorizer.authorize(intent, call.cancellation(), decision -> outcomes.withdrawn(intent, decision)).compose(decision -> decision.getEffect() == Effect.ALLOW
                ? outcomes.follow(intent, decision, call.cancellation(), () -> forwarder.forward(router.client(tool.server()),
                        McpMethods.TOOLS_CALL, round.forwardedParams().copy().put("name", tool.name()), call.notifications(), call.cancellation())
                        .map(result -> rounds.relay(result, tool.server(), agent, decision.getReceipt())))
                : Future.succeededFuture(refusal(decision)));
    }

    private static JsonObject refusal(Decision decision) {
        String verdict = decision.getEffect() == Effect.REVIEW
                ? "Not run: this call needs a human approval first"
                : "Denied by the gateway's policy";
        String text = verdict + ": " + String.join("; ", decision.getReasons())
                + " (rules: " + String.join(", ", decision.getMatchedRules())
                + "; receipt " + decision.getReceipt().getChain() + "/" + decision.getReceipt().getSequence() + ")";
        return new JsonObject()
                .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)))
                .put("isError", true)
                .put("_meta", new JsonObject().put(DECISION_META, describe(decision)));
    }

    private static JsonObject describe(Decision decision) {
        return new JsonObject()
                .put("effect", decision.getEffect().name())
                .put("matchedRules", new JsonArray(decision.getMatchedRules()))
                .put("reasons", new JsonArray(decision.getReasons()))
                .put("policyVersion", decision.getPolicyVersion())
                .put("receipt", new JsonObject()
                        .put("chain", decision.getReceipt().getChain())
                        .put("sequence", decision.getReceipt().getSequence())
                        .put("hash", decision.getReceipt().getHash()));
    }
}
