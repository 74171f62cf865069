package dev.mcpgw.launcher;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway's OpenTelemetry. Off (OpenTelemetry's no-op, which exports nothing and costs next to
 * nothing) unless an OTLP endpoint is given: the config's {@code tracing.otlpEndpoint}, or the
 * standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} / {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}. On, the
 * SDK is configured as OpenTelemetry's autoconfiguration does, so every other {@code OTEL_*}
 * variable (service name, headers, protocol, sampler, {@code OTEL_SDK_DISABLED}) applies and
 * overrides the config; only traces are exported, over OTLP/HTTP (protobuf; the jar ships no gRPC
 * sender). Closing flushes the spans not yet sent.
 *
 * @see <a href="https://opentelemetry.io/docs/languages/java/configuration/">OpenTelemetry Java, configuration</a>
 */
public final class GatewayTelemetry implements AutoCloseable {
    static final String SERVICE_NAME = "mcp-authorization-gateway";
    private static final String[] ENDPOINT_VARIABLES = {"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"};

    private final OpenTelemetry telemetry;
    private final OpenTelemetrySdk sdk;

    private GatewayTelemetry(OpenTelemetry telemetry, OpenTelemetrySdk sdk) {
        this.telemetry = telemetry;
        this.sdk = sdk;
    }

    /** Tracing to {@code otlpEndpoint} (null: none configured), or as {@code environment} says. */
    public static GatewayTelemetry start(String otlpEndpoint, Map<String, String> environment) {
        boolean named = otlpEndpoint != null && !otlpEndpoint.isBlank();
        for (String variable : ENDPOINT_VARIABLES) {
            named |= environment.get(variable) != null && !environment.get(variable).isBlank();
        }
        if (!named) {
            return new GatewayTelemetry(OpenTelemetry.noop(), null);
        }
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", SERVICE_NAME);
        defaults.put("otel.traces.exporter", "otlp");
        // Only the JDK's HTTP sender is in the jar: OTLP over gRPC would need another.
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        if (otlpEndpoint != null && !otlpEndpoint.isBlank()) {
            defaults.put("otel.exporter.otlp.endpoint", otlpEndpoint);
        }
        // The process's own environment is read by the autoconfiguration too; this makes the one given here count alike.
        environment.forEach((name, value) -> {
            if (name.startsWith("OTEL_")) {
                defaults.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        return new GatewayTelemetry(sdk, sdk);
    }

    public OpenTelemetry openTelemetry() {
        return telemetry;
    }

    public boolean isOn() {
        return sdk != null;
    }

    @Override
    public void close() {
        if (sdk != null) {
            sdk.close();
        }
    }
}
