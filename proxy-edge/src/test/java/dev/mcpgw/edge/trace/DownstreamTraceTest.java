package dev.mcpgw.edge.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DownstreamTraceTest {
    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final EdgeTracing tracing = new EdgeTracing(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build());

    /** A server's error message, or a client's cancellation reason, is not the gateway's to export as it came. */
    @Test
    void shouldExportAFailedCallsErrorWithoutTheCredentialItsTextCarried() {
        Span call = tracing.tracer().spanBuilder("call").startSpan();
        try (Scope within = call.makeCurrent()) {
            DownstreamTrace trace = DownstreamTrace.start(tracing, "demo", "2025-11-25", "tools/call", new JsonObject().put("name", "echo"));

            trace.ended(Future.failedFuture(new RpcException(ErrorCodes.REQUEST_CANCELLED, "Request cancelled: leaked AKIAIOSFODNN7EXAMPLE")));
        }

        SpanData span = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("tools/call echo")).findFirst().orElseThrow();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("Request cancelled: leaked [redacted by the gateway]");
    }
}
