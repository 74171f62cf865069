package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health and metrics endpoint of a service run alone, over real HTTP. */
class ServiceEndpointTest {
    private final AtomicBoolean alive = new AtomicBoolean(true);
    private final AtomicBoolean kafka = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newHttpClient();
    private ServiceEndpoint endpoint;

    @BeforeEach
    void start() {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder("mcpgw.kafka.reachable", () -> kafka.get() ? 1 : 0).register(metrics);
        endpoint = ServiceEndpoint.start("127.0.0.1", 0, new ServiceHealth("test-service").alive("worker", alive::get).ready("kafka", kafka::get),
                metrics);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void shouldBeReadyAndLiveWhileEveryComponentHolds() throws Exception {
        // when
        HttpResponse<String> ready = request("GET", "/healthz");

        // then
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(ready.body())).isEqualTo(new JsonObject().put("service", "test-service").put("status", "UP")
                .put("failing", new JsonArray()));
        assertThat(request("GET", "/healthz/live").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldStayLiveButNotReadyWhileOnlyAReadinessComponentFails() throws Exception {
        // given
        kafka.set(false);

        // when
        HttpResponse<String> ready = request("GET", "/healthz/ready");

        // then
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(ready.body()).getJsonArray("failing").getList()).containsExactly("kafka");
        assertThat(request("GET", "/healthz/live").statusCode()).isEqualTo(200);
        assertThat(request("GET", "/metrics").body()).contains("mcpgw_kafka_reachable 0.0");
    }

    @Test
    void shouldBeNeitherLiveNorReadyWhenALivenessComponentFails() throws Exception {
        // given
        alive.set(false);

        // then
        assertThat(request("GET", "/healthz/live").statusCode()).isEqualTo(503);
        assertThat(new JsonObject(request("GET", "/healthz").body()).getJsonArray("failing").getList()).containsExactly("worker");
    }

    @Test
    void shouldAnswerNotFoundToAnyOtherPathOrMethod() throws Exception {
        assertThat(request("POST", "/healthz").statusCode()).isEqualTo(404);
        assertThat(request("GET", "/healthz/../metrics/x").statusCode()).isEqualTo(404);
        assertThat(request("GET", "/%2e%2e/etc/passwd").statusCode()).isEqualTo(404);
        assertThat(request("DELETE", "/metrics").body()).isEmpty();
    }

    @Test
    void shouldAnswerInHttp11AClientThatAsksToUpgradeToHttp2() throws Exception {
        // given: the JDK's client asks a plain-HTTP server to upgrade by default (and misreads large upgraded answers)
        assertThat(http.version()).isEqualTo(HttpClient.Version.HTTP_2);

        // when
        HttpResponse<String> metrics = request("GET", "/metrics");

        // then
        assertThat(metrics.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(metrics.body()).contains("mcpgw_kafka_reachable 1.0");
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint.url() + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
