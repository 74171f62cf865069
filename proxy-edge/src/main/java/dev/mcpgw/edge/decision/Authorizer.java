package dev.mcpgw.edge.decision;


import dev.mcpgw.edge.EdgeMetrics;
import dev.mcpgw.edge.audit.RefusalTrail;
import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.limits.CanonicalArguments;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.method.McpCall;
import dev.mcpgw.edge.trace.AuthorizationTrace;
import dev.mcpgw.edge.trace.EdgeTracing;
import dev.mcpgw.schemas.AgentIdentity;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.IntentMode;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.RefusalKind;
import dev.mcpgw.schemas.ReplyAddress;
import dev.mcpgw.schemas.RequestKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Turns a request to a server (a tool call, a prompt, a resource, a completion) into an intent, proposes it, and waits for its decision: the one point where
 * the edge asks for authorization. Any failure to get a decision fails the future, and the caller
 * does not forward the call.
 */
public final class Authorizer {
    private final TopicPublisher<Intent> publisher;
    private final PendingDecisions pending;
    private final RefusalTrail trail;
    private final ReplyAddress replyTo;
    private final Clock clock;
    private final EdgeMetrics metrics;
    private final CanonicalArguments arguments;
    private final EdgeTracing tracing;

    public Authorizer(TopicPublisher<Intent> publisher, PendingDecisions pending, ReplyAddress replyTo, Clock clock, EdgeMetrics metrics,
                      CanonicalArguments arguments, RefusalTrail trail, EdgeTracing tracing) {
        this.trail = trail;
        this.tracing = tracing;
        this.publisher = publisher;
        this.pending = pending;
        this.replyTo = replyTo;
        this.clock = clock;
        this.metrics = metrics;
        this.arguments = arguments;
    }

    /**
     * What is being asked for: which kind of request to which target (see {@link RequestKind}),
     * by whom, in which protocol revision, trace and request context, and (for a 2026-07-28 retry)
     * the attempt it follows.
     */
    public record Proposal(Agent agent, RequestKind kind, String server, String target, JsonObject arguments, String protocolVersion,
                           McpCall.TraceContext trace, ReceiptRef previousAttempt, Map<String, String> context) {
    }

    /**
     * Proposes {@code intent} and waits for its decision. A cancellation before the decision
     * withdraws the wait: the call is never forwarded, and the decision, when it comes, goes to
     * {@code ifWithdrawn} instead. Traced under the span current when it is called (see {@link AuthorizationTrace}).
     */
    public Future<Decision> authorize(Intent intent, Cancellation cancellation, Consumer<Decision> ifWithdrawn) {
        AuthorizationTrace trace = AuthorizationTrace.start(tracing, intent);
        Future<Decision> decision = pending.register(intent.getIntentId());
        cancellation.onCancel(reason -> {
            if (pending.withdraw(intent.getIntentId(), cancellation.error(), ifWithdrawn)) {
                metrics.withdrawn();
            }
        });
        long proposed = System.nanoTime();
        trace.proposing(() -> publisher.publish(intent.getAgent().getId(), intent.getEventTime(), intent))
                .onComplete(trace::proposed).onFailure(e -> {
            metrics.failedClosed("propose-failed");
            pending.fail(intent.getIntentId(), new RpcException(
                    ErrorCodes.AUTHORIZATION_UNAVAILABLE, "Call not forwarded: the intent could not be recorded (" + e.getMessage() + ")"));
        });
        return decision
                .onComplete(trace::decided)
                .onSuccess(d -> metrics.decided(d.getEffect(), Duration.ofNanos(System.nanoTime() - proposed)))
                .onSuccess(d -> {
                    // The receipt chain keeps the decision; the trail counts refusals per agent and rules, as it does other refusals.
                    if (d.getEffect() == Effect.DENY) {
                        trail.refused(RefusalKind.AUTHORIZATION, intent.getAgent().getId(), "denied by " + d.getMatchedRules(),
                                intent.getAgent().getId());
                    }
                })
                .onFailure(e -> {
                    if (!cancellation.isCancelled()) {
                        metrics.failedClosed("no-decision");
                    }
                });
    }

    /** The call {@code intentId}, sent to human review, is not held for it (see PendingDecisions#release). */
    public void notHeld(String intentId) {
        pending.release(intentId);
    }

    /**
     * The intent of {@code call}: stamped with a fresh id and the edge's clock as its event time.
     * Throws -32602, and nothing is proposed, when the arguments exceed their limit.
     */
    public Intent intent(Proposal call) {
        return Intent.newBuilder()
                .setIntentId(UUID.randomUUID().toString())
                .setEventTime(clock.millis())
                .setAgent(AgentIdentity.newBuilder()
                        .setId(call.agent().id())
                        .setCredential(call.agent().credential())
                        .setGroups(call.agent().groups())
                        .setAttributes(call.agent().attributes())
                        .build())
                .setServer(call.server())
                .setTool(call.target())
                .setKind(call.kind())
                .setArgumentsJson(arguments.of(call.arguments()))
                .setMode(IntentMode.INLINE)
                .setProtocolVersion(call.protocolVersion())
                .setTraceparent(call.trace().traceparent())
                .setTracestate(call.trace().tracestate())
                .setPreviousAttempt(call.previousAttempt())
                .setContext(call.context())
                .setReplyTo(replyTo)
                .build();
    }
}
