package dev.mcpgw.stream.processor;

import static dev.mcpgw.kafka.trace.SpanAttributes.EFFECT;
import static dev.mcpgw.kafka.trace.SpanAttributes.GEN_AI_TOOL_NAME;
import static dev.mcpgw.kafka.trace.SpanAttributes.INTENT_ID;
import static dev.mcpgw.kafka.trace.SpanAttributes.MESSAGING_DESTINATION;
import static dev.mcpgw.kafka.trace.SpanAttributes.MESSAGING_OPERATION_TYPE;
import static dev.mcpgw.kafka.trace.SpanAttributes.MESSAGING_SYSTEM;
import static dev.mcpgw.kafka.trace.SpanAttributes.POLICY_VERSION;
import static dev.mcpgw.kafka.trace.SpanAttributes.RECEIPT_CHAIN;
import static dev.mcpgw.kafka.trace.SpanAttributes.RECEIPT_SEQUENCE;
import static dev.mcpgw.kafka.trace.SpanAttributes.RULES;
import static dev.mcpgw.kafka.trace.SpanAttributes.SERVER;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.kafka.trace.TraceHeaders;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Receipt;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.apache.kafka.common.header.Headers;

/**
 * The decision stream's spans: {@code evaluate} for deciding an intent, under the edge's propose
 * span that the record's headers name (see {@link TraceHeaders}), and {@code append receipt} for
 * chaining its receipt (or an outcome's, under the edge's outcome span). They only describe: what
 * the headers say never reaches the decision or the receipt. Under exactly-once a record processed
 * again after an aborted transaction is traced again.
 */
public final class DecisionSpans {
    public static final String INSTRUMENTATION_SCOPE = "dev.mcpgw.stream";

    private final Tracer tracer;

    public DecisionSpans(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer(INSTRUMENTATION_SCOPE);
    }

    /** Starts the span of evaluating {@code intent}, read with {@code headers} from gateway.propose. */
    Span evaluating(Headers headers, Intent intent) {
        return tracer.spanBuilder("evaluate").setParent(TraceHeaders.extract(headers)).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(MESSAGING_DESTINATION, Topics.PROPOSE.name())
                .setAttribute(MESSAGING_OPERATION_TYPE, "process")
                .setAttribute(INTENT_ID, intent.getIntentId())
                .setAttribute(SERVER, intent.getServer())
                .setAttribute(GEN_AI_TOOL_NAME, intent.getTool())
                .startSpan();
    }

    static void evaluated(Span span, Evaluation evaluation) {
        span.setAttribute(EFFECT, evaluation.decision().effect().name())
                .setAttribute(RULES, evaluation.decision().matchedRules())
                .setAttribute(POLICY_VERSION, evaluation.policyVersion());
    }

    /**
     * Starts the span of chaining a receipt: under the evaluation's span when it is current (a
     * decision: evaluating forwards to the chain on the same thread), else under the span the
     * record's headers name (an outcome, from the edge).
     */
    Span appending(Headers headers) {
        Context parent = Span.current().getSpanContext().isValid() ? Context.current() : TraceHeaders.extract(headers);
        return tracer.spanBuilder("append receipt").setParent(parent).setSpanKind(SpanKind.INTERNAL).startSpan();
    }

    static void appended(Span span, Receipt receipt) {
        span.setAttribute(INTENT_ID, receipt.getIntent().getIntentId())
                .setAttribute(RECEIPT_CHAIN, receipt.getChain())
                .setAttribute(RECEIPT_SEQUENCE, receipt.getSequence());
    }
}
