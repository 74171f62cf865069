package dev.mcpgw.kafka.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceHeadersTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

    private static Headers headers(String traceparent, String tracestate) {
        Headers headers = new RecordHeaders();
        if (traceparent != null) {
            headers.add(TraceHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        if (tracestate != null) {
            headers.add(TraceHeaders.TRACESTATE, tracestate.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static SpanContext parentOf(Headers headers) {
        return Span.fromContext(TraceHeaders.extract(headers)).getSpanContext();
    }

    @Test
    void shouldCarryASpanContextAcrossTheHeadersOfARecord() {
        SpanContext sent = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.builder().put("vendor", "opaque").build());
        Headers headers = new RecordHeaders();

        TraceHeaders.inject(Context.root().with(Span.wrap(sent)), headers);

        SpanContext read = parentOf(headers);
        assertThat(read.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(read.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(read.isRemote()).isTrue();
        assertThat(read.getTraceState().get("vendor")).isEqualTo("opaque");
    }

    @Test
    void shouldWriteNoHeadersWhenNoSpanIsCurrent() {
        assertThat(TraceHeaders.ofCurrentSpan().toArray()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "00-" + TRACE_ID + "-" + SPAN_ID, "00-00000000000000000000000000000000-" + SPAN_ID + "-01",
            "00-" + TRACE_ID + "-0000000000000000-01", "ff-" + TRACE_ID + "-" + SPAN_ID + "-01", "00-" + TRACE_ID + "-" + SPAN_ID + "-01\u0000"})
    void shouldIgnoreAMalformedTraceparent(String traceparent) {
        assertThat(parentOf(headers(traceparent, "vendor=opaque")).isValid()).isFalse();
    }

    @Test
    void shouldNotReadAHeaderLongerThanTheRecommendationAllows() {
        // A later version may carry more fields after the first four, which a reader would otherwise parse.
        String padded = "01-" + TRACE_ID + "-" + SPAN_ID + "-01-" + "f".repeat(TraceHeaders.MAX_VALUE_BYTES);

        assertThat(parentOf(headers(padded, null)).isValid()).isFalse();
    }

    @Test
    void shouldReadTheFirstFourFieldsOfALaterVersion() {
        assertThat(parentOf(headers("01-" + TRACE_ID + "-" + SPAN_ID + "-01-more", null)).getSpanId()).isEqualTo(SPAN_ID);
    }

    @Test
    void shouldKeepTheParentButDropAnOversizedTracestate() {
        SpanContext read = parentOf(headers(TRACEPARENT, "vendor=" + "x".repeat(1024 * 1024)));

        assertThat(read.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(read.getTraceState().isEmpty()).isTrue();
    }

    @Test
    void shouldReadTheLastOfRepeatedHeaders() {
        Headers headers = headers("garbage", null);
        headers.add(TraceHeaders.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));

        assertThat(parentOf(headers).getSpanId()).isEqualTo(SPAN_ID);
    }
}
