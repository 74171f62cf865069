package dev.mcpgw.edge.trace;

import static dev.mcpgw.kafka.trace.SpanAttributes.EFFECT;
import static dev.mcpgw.kafka.trace.SpanAttributes.ERROR_TYPE;
import static dev.mcpgw.kafka.trace.SpanAttributes.INTENT_ID;
import static dev.mcpgw.kafka.trace.SpanAttributes.MESSAGING_DESTINATION;
import static dev.mcpgw.kafka.trace.SpanAttributes.MESSAGING_OPERATION_TYPE;
import static dev.mcpgw.kafka.trace.SpanAttributes.MESSAGING_SYSTEM;
import static dev.mcpgw.kafka.trace.SpanAttributes.POLICY_VERSION;
import static dev.mcpgw.kafka.trace.SpanAttributes.RECEIPT_CHAIN;
import static dev.mcpgw.kafka.trace.SpanAttributes.RECEIPT_SEQUENCE;
import static dev.mcpgw.kafka.trace.SpanAttributes.RULES;

import dev.mcpgw.edge.mcp.ErrorText;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Intent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.AsyncResult;
import java.util.List;
import java.util.function.Supplier;

/**
 * The trace of one authorization: a PRODUCER span for publishing the intent to gateway.propose
 * (current while it is sent, so the record's headers carry it to the decision stream), and a span
 * for the wait for its decision. The decision's effect, rules, policy version and receipt go on
 * the wait's span and on the call's.
 */
public final class AuthorizationTrace {
    private final Span call;
    private final Span propose;
    private final Span wait;

    private AuthorizationTrace(Span call, Span propose, Span wait) {
        this.call = call;
        this.propose = propose;
        this.wait = wait;
    }

    /** Starts the trace of authorizing {@code intent} under the span current now (the call's). */
    public static AuthorizationTrace start(EdgeTracing tracing, Intent intent) {
        Context parent = Context.current();
        Span propose = tracing.child(parent, "send " + Topics.PROPOSE.name(), SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(MESSAGING_DESTINATION, Topics.PROPOSE.name())
                .setAttribute(MESSAGING_OPERATION_TYPE, "send")
                .setAttribute(INTENT_ID, intent.getIntentId());
        Span wait = tracing.child(parent, "await decision", SpanKind.INTERNAL).setAttribute(INTENT_ID, intent.getIntentId());
        Span call = Span.fromContext(parent);
        call.setAttribute(INTENT_ID, intent.getIntentId());
        return new AuthorizationTrace(call, propose, wait);
    }

    /** Runs {@code send} with the propose span current, so that the record it sends names it. */
    public <T> T proposing(Supplier<T> send) {
        try (Scope scope = propose.makeCurrent()) {
            return send.get();
        }
    }

    /** The intent is on the topic, or a failure kept it off. */
    public void proposed(AsyncResult<Void> sent) {
        if (sent.failed()) {
            failed(propose, "propose-failed", sent.cause());
        }
        propose.end();
    }

    /** The decision came, or none came: timed out, or the call was withdrawn, and the call is not forwarded. */
    public void decided(AsyncResult<Decision> decided) {
        if (decided.failed()) {
            failed(wait, "no-decision", decided.cause());
        } else {
            describe(decided.result());
        }
        wait.end();
    }

    private void describe(Decision decision) {
        for (Span span : List.of(call, wait)) {
            span.setAttribute(EFFECT, decision.getEffect().name())
                    .setAttribute(RULES, decision.getMatchedRules().stream().map(Object::toString).toList())
                    .setAttribute(POLICY_VERSION, decision.getPolicyVersion());
            if (decision.getReceipt() != null) {
                span.setAttribute(RECEIPT_CHAIN, decision.getReceipt().getChain())
                        .setAttribute(RECEIPT_SEQUENCE, decision.getReceipt().getSequence());
            }
        }
    }

    private static void failed(Span span, String type, Throwable cause) {
        span.setAttribute(ERROR_TYPE, type).setStatus(StatusCode.ERROR, ErrorText.recorded(cause.getMessage()));
    }
}
