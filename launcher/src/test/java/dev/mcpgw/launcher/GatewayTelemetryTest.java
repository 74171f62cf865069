package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tracing is off unless an OTLP endpoint is named; on, spans reach a real OTLP/HTTP receiver as protobuf. */
class GatewayTelemetryTest {
    /** What the receiver got: content type, then the body as ISO-8859-1 (protobuf carries strings as they are). */
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private HttpServer collector;

    @BeforeEach
    void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("Content-Type") + "\n" + new String(body, StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        collector.stop(0);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + collector.getAddress().getPort();
    }

    private static void traceOneSpan(OpenTelemetry telemetry, String name) {
        telemetry.getTracer("test").spanBuilder(name).startSpan().end();
    }

    private String export() throws InterruptedException {
        String export = received.poll(10, TimeUnit.SECONDS);
        assertThat(export).as("an OTLP export").isNotNull();
        return export;
    }

    @Test
    void shouldTraceNothingWhenNoEndpointIsNamed() {
        try (GatewayTelemetry telemetry = GatewayTelemetry.start(null, Map.of("OTEL_SERVICE_NAME", "unused"))) {
            assertThat(telemetry.isOn()).isFalse();
            assertThat(telemetry.openTelemetry().getTracer("test").spanBuilder("s").startSpan().isRecording()).isFalse();
        }
    }

    @Test
    void shouldExportSpansOverOtlpToTheConfiguredEndpoint() throws InterruptedException {
        // when
        try (GatewayTelemetry telemetry = GatewayTelemetry.start(endpoint(), Map.of())) {
            traceOneSpan(telemetry.openTelemetry(), "configured-probe");
        }

        // then: closing flushed it
        String export = export();
        assertThat(export).startsWith("application/x-protobuf\n").contains("configured-probe").contains(GatewayTelemetry.SERVICE_NAME);
    }

    @Test
    void shouldTakeTheEndpointAndServiceNameFromTheStandardEnvironment() throws InterruptedException {
        // when
        try (GatewayTelemetry telemetry = GatewayTelemetry.start(null,
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint(), "OTEL_SERVICE_NAME", "gateway-east"))) {
            traceOneSpan(telemetry.openTelemetry(), "environment-probe");
        }

        // then
        assertThat(export()).contains("environment-probe").contains("gateway-east");
    }
}
