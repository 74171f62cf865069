package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `gateway up` with a review section: the review service runs beside the edge, is in its health, and stops with the gateway. */
class GatewayReviewIT {
    private static final String SETTINGS = """
            agents:
              - {id: review-bot, apiKey: review-bot-key, groups: [demo]}
            review:
              listen: 127.0.0.1:0
              approvers:
                - {id: alice, password: "${ALICE_PASSWORD}"}
            """;
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeTheReviewPageAndApiBesideTheEdgeAndReportItsHealth() throws Exception {
        gateway = DemoGateway.start(dir, "", SETTINGS, Map.of("ALICE_PASSWORD", "alice-from-env"));
        String review = gateway.reviewUrl().orElseThrow();

        assertThat(get(review + "/healthz", null).statusCode()).isEqualTo(200);
        assertThat(get(review + "/login", null).body()).contains("Review approvals: sign in");
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:alice-from-env".getBytes());
        assertThat(get(review + "/api/reviews", basic).statusCode()).isEqualTo(200);
        JsonObject health = new JsonObject(get(gateway.healthUrl(), null).body());
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getJsonArray("failing")).isEmpty();
    }

    @Test
    void shouldNotTakeAnAgentsApiKeyAsAnApproverCredential() throws Exception {
        gateway = DemoGateway.start(dir, "", SETTINGS, Map.of("ALICE_PASSWORD", "alice-from-env"));
        String review = gateway.reviewUrl().orElseThrow();

        assertThat(get(review + "/api/reviews", "Bearer review-bot-key").statusCode()).isEqualTo(401);
        String agentAsBasic = "Basic " + Base64.getEncoder().encodeToString("review-bot:review-bot-key".getBytes());
        assertThat(get(review + "/api/reviews", agentAsBasic).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldStopTheReviewServiceWithTheGateway() throws Exception {
        gateway = DemoGateway.start(dir, "", SETTINGS, Map.of("ALICE_PASSWORD", "alice-from-env"));
        String review = gateway.reviewUrl().orElseThrow();

        gateway.close();
        gateway = null;

        assertThatThrownBy(() -> get(review + "/healthz", null)).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldRunNoReviewServiceWithoutAReviewSection() throws Exception {
        gateway = DemoGateway.start(dir, "", "", Map.of());

        assertThat(gateway.reviewUrl()).isEmpty();
    }
}
