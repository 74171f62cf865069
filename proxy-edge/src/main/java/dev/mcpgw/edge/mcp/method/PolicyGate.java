package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.decision.Authorizer;
import dev.mcpgw.edge.decision.Refusals;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.outcome.OutcomeRecorder;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.RequestKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * The authorization step of a request other than tools/call that reaches a server (a prompt, a
 * resource, a completion): proposed, decided, sent on only on a verified ALLOW, and its outcome
 * recorded, as a tool call is. A refusal is a JSON-RPC error naming the effect, the rules and the
 * receipt (a tool call's is a tool result, for the model to read; these requests have no such
 * place). No decision, no forwarding: the authorizer's failure is the answer.
 */
public final class PolicyGate {
    private final Authorizer authorizer;
    private final OutcomeRecorder outcomes;

    public PolicyGate(Authorizer authorizer, OutcomeRecorder outcomes) {
        this.authorizer = authorizer;
        this.outcomes = outcomes;
    }

    /**
     * Proposes {@code call} as a {@code kind} request for {@code target} on {@code server} with
     * {@code arguments}, and runs {@code send} (given who the server may ask meanwhile) if allowed.
     */
    public Future<JsonObject> pass(McpCall call, RequestKind kind, String server, String target, JsonObject arguments,
                                   Function<ClientRequests, Future<JsonObject>> send) {
        Intent intent = authorizer.intent(new Authorizer.Proposal(call.agent(), kind, server, target, arguments, call.protocolVersion(),
                call.traceContext(), null, call.context()));
        return authorizer.authorize(intent, call.cancellation(), decision -> outcomes.withdrawn(intent, decision))
                .compose(decision -> {
                    if (decision.getEffect() == Effect.ALLOW) {
                        return outcomes.follow(intent, decision, call.cancellation(), call.client(), send);
                    }
                    // Only tool calls are held for a human review; this request is answered now.
                    authorizer.notHeld(intent.getIntentId());
                    return Future.failedFuture(Refusals.error(decision));
                });
    }
}
