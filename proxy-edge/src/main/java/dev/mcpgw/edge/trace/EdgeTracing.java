package dev.mcpgw.edge.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The edge's tracer. A tools/call is traced from its arrival ({@link TracedCalls}); the parts of it
 * (proposing, waiting for the decision, the call to the tool server, recording its outcome) are
 * spans under the call's. Those parts start their spans from the OpenTelemetry context current
 * when they are started, which the call makes current while it runs on the event loop. With
 * tracing off the tracer is OpenTelemetry's no-op one: spans cost an object each and export nothing.
 */
public final class EdgeTracing {
    public static final String INSTRUMENTATION_SCOPE = "dev.mcpgw.edge";

    private final Tracer tracer;

    public EdgeTracing(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer(INSTRUMENTATION_SCOPE);
    }

    public static EdgeTracing off() {
        return new EdgeTracing(OpenTelemetry.noop());
    }

    Tracer tracer() {
        return tracer;
    }

    /**
     * A span under {@code parent}, when {@code parent} is within a call's trace; otherwise the
     * invalid span, which records nothing: a request the edge does not trace leaves no stray traces.
     */
    public Span child(Context parent, String name, SpanKind kind) {
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return builder(parent, name, kind).startSpan();
    }

    SpanBuilder builder(Context parent, String name, SpanKind kind) {
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(kind);
    }
}
