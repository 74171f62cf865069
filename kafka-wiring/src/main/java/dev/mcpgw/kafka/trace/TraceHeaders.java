package dev.mcpgw.kafka.trace;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * W3C trace context on Kafka record headers ({@code traceparent}, {@code tracestate}): how a call's
 * trace crosses gateway.propose and gateway.outcome into the decision stream. Headers are not part
 * of a record's value, so they cannot change a decision or a receipt, and a replay decides the same
 * with or without them. Anyone who can write to a topic can set them: a header longer than the
 * recommendation's limit is not read at all, and one that is not a well-formed trace context is
 * ignored by the propagator, so the reader starts a new trace.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/">Trace Context</a>
 */
public final class TraceHeaders {
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** The recommendation lets a receiver drop a tracestate longer than 512 characters; a traceparent is far shorter. */
    static final int MAX_VALUE_BYTES = 512;

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.US_ASCII));
    };

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            if (header == null || header.value() == null || header.value().length > MAX_VALUE_BYTES) {
                return null;
            }
            return new String(header.value(), StandardCharsets.US_ASCII);
        }
    };

    private TraceHeaders() {
    }

    /** Writes the span context of {@code context} into {@code headers}, replacing any there; nothing when it has no valid span. */
    public static void inject(Context context, Headers headers) {
        W3C.inject(context, headers, SETTER);
    }

    /** Headers naming the span current now; none when there is no valid one. */
    public static Headers ofCurrentSpan() {
        Headers headers = new RecordHeaders();
        inject(Context.current(), headers);
        return headers;
    }

    /** The remote parent the headers name, or {@code Context.root()} when they name none that is well formed. */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, GETTER);
    }
}
