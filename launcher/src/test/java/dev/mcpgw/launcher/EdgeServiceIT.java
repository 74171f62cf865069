package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.testsupport.SharedKafka;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An edge deployed while the parts beside it still start: /healthz knows of them from its first answer. */
@Timeout(120)
class EdgeServiceIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private EdgeService deploy(Map<String, BooleanSupplier> partsHealth) throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), "default: deny\nrules: []\n");
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                listen: 127.0.0.1:0
                kafka: {bootstrapServers: "%s"}
                stateDir: "%s"
                policy: policy.yaml
                agents:
                  - {id: bot, apiKey: bot-key}
                """.formatted(SharedKafka.bootstrapServers(), dir.resolve("keys")));
        ConfigLoader.Loaded loaded = new ConfigLoader(name -> null).load(config);
        return EdgeService.deploy(loaded.config(), loaded.origin(), SharedKafka.bootstrapServers(), dir.resolve("keys"), OpenTelemetry.noop(),
                partsHealth);
    }

    private HttpResponse<String> health(EdgeService edge) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(edge.baseUrl() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswerUnhealthyFromItsFirstAnswerWhileAPartBesideItHasNotStarted() throws Exception {
        AtomicBoolean streamRuns = new AtomicBoolean(false);
        try (EdgeService edge = deploy(Map.of("decision-stream", streamRuns::get)).awaitStarted()) {
            HttpResponse<String> first = health(edge);

            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(first.body()).getJsonArray("failing").getList()).containsExactly("decision-stream");

            streamRuns.set(true);
            assertThat(health(edge).statusCode()).isEqualTo(200);
        }
    }
}
