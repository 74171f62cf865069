package dev.mcpgw.kafka.trace;

import dev.mcpgw.schemas.Intent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The intent's id and its trace's id in the logging context (MDC) for the log lines about it, so
 * the JSON logs carry them as fields ({@code intentId}, {@code traceId}). The trace is the call's
 * span in {@code context} when there is one, else the one the client named in the intent; with
 * neither (tracing off and no trace context sent) there is no trace id to give.
 */
public final class IntentLogFields implements AutoCloseable {
    public static final String INTENT_ID = "intentId";
    public static final String TRACE_ID = "traceId";

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-");

    private IntentLogFields() {
    }

    /** The fields of {@code intent} in the trace current now; see {@link #of(Intent, Context)}. */
    public static IntentLogFields of(Intent intent) {
        return of(intent, Context.current());
    }

    /** Sets the fields until {@link #close}; use with try-with-resources around the log call. */
    public static IntentLogFields of(Intent intent, Context context) {
        MDC.put(INTENT_ID, intent.getIntentId());
        String traceId = traceId(intent, context);
        if (traceId != null) {
            MDC.put(TRACE_ID, traceId);
        }
        return new IntentLogFields();
    }

    static String traceId(Intent intent, Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (span.isValid()) {
            return span.getTraceId();
        }
        // Version, then the 32 hex digits of the trace id; an intent read from a topic may hold anything.
        String traceparent = intent.getTraceparent();
        return traceparent != null && TRACEPARENT.matcher(traceparent).lookingAt() ? traceparent.substring(3, 35) : null;
    }

    @Override
    public void close() {
        MDC.remove(INTENT_ID);
        MDC.remove(TRACE_ID);
    }
}
