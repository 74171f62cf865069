package dev.mcpgw.edge.sep;

import dev.mcpgw.edge.decision.Authorizer;
import dev.mcpgw.edge.decision.PendingDecisions;
import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.method.McpCall;
import dev.mcpgw.edge.mcp.method.MethodHandler;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.IntentMode;
import dev.mcpgw.schemas.RequestKind;
import dev.mcpgw.schemas.SepRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * authorization/propose: the client states an intent, nothing runs. The intent is published to
 * gateway.propose as the inline path would publish the call (mode SEP, with its authorization's
 * time to live), and the answer carries its id, with its decision when that comes within the
 * wait (see SepAnswers). A propose whose envelope names another principal is published all the
 * same, so the stream denies and records it, and answered with an error naming that receipt.
 */
public final class ProposeHandler implements MethodHandler {
    private final Catalog catalog;
    private final Authorizer authorizer;
    private final PendingDecisions pending;
    private final ProposedIntents proposed;
    private final SepSettings settings;

    public ProposeHandler(Catalog catalog, Authorizer authorizer, PendingDecisions pending, ProposedIntents proposed, SepSettings settings) {
        this.catalog = catalog;
        this.authorizer = authorizer;
        this.pending = pending;
        this.proposed = proposed;
        this.settings = settings;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        SepProposal proposal = SepProposal.parse(call.paramsOrEmpty(), settings.defaultTtl(), settings.maxTtl(), settings.maxWait());
        catalog.heldBack(proposal.tool(), call.era()).ifPresent(reason -> {
            throw new RpcException(ErrorCodes.TOOL_HELD_BACK, reason, new JsonObject().put("tool", proposal.tool()));
        });
        Catalog.Entry tool = catalog.lookup(proposal.tool(), call.era())
                .orElseThrow(() -> new RpcException(ErrorCodes.INVALID_PARAMS, "Unknown tool: " + proposal.tool()));
        Map<String, String> context = new HashMap<>(proposal.claims());
        // The edge's own context entries win over anything the client claimed.
        context.putAll(call.context());
        Intent intent = Intent.newBuilder(authorizer.intent(new Authorizer.Proposal(call.agent(), RequestKind.TOOL_CALL, tool.server(),
                        tool.name(), proposal.arguments(), call.protocolVersion(), call.traceContext(), null, call.context())))
                .setMode(IntentMode.SEP)
                .setAuthorizationTtlMs(proposal.ttl().toMillis())
                .setContext(context)
                .build();
        // The decision is wanted whatever the client does with this request: its withdrawal does not withdraw the intent.
        Future<Decision> first = authorizer.authorize(intent, new Cancellation(), decision -> { });
        Future<Decision> last = first.compose(d -> d.getEffect() == Effect.REVIEW ? pending.awaitReview(intent.getIntentId()) : Future.succeededFuture(d));
        ProposedIntents.Proposed entry = proposed.add(intent, proposal.envelopeId(), first, last);
        if (claimsAnotherPrincipal(intent)) {
            return first.map(decision -> {
                throw SepErrors.refused(decision, intent.getIntentId());
            });
        }
        return proposed.firstDecision(entry, proposal.waitFor()).map(SepAnswers::of);
    }

    private static boolean claimsAnotherPrincipal(Intent intent) {
        String claimed = intent.getContext().get(SepRules.CLAIMED_PRINCIPAL);
        return claimed != null && !claimed.equals(intent.getAgent().getId());
    }
}
