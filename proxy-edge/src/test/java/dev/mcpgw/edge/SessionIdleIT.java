package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.limits.AgentCaps;
import dev.mcpgw.edge.mcp.ErrorCodes;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions their clients leave unused end after the idle timeout, and give their agent's slot back;
 * a session in use is never taken for an idle one.
 */
class SessionIdleIT {
    private static final Duration IDLE = Duration.ofSeconds(1);
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";
    private static EdgeFixture gateway;
    private static RawMcpHttp http;
    private String session;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withoutDecisionStream(Duration.ofSeconds(1), new AgentCaps(1, 8, 64, IDLE));
        http = new RawMcpHttp(gateway.mcpUrl());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void endSession() {
        http.delete(RawMcpHttp.session(session));
    }

    private int ping() {
        return http.post(PING, RawMcpHttp.session(session)).statusCode();
    }

    @Test
    void shouldEndASessionLeftUnusedForTheIdleTimeout() {
        session = http.initialize();

        // Each ping uses the session, so the pings are spaced wider than the idle timeout.
        await().atMost(Duration.ofSeconds(10)).pollDelay(IDLE.multipliedBy(2)).pollInterval(IDLE.multipliedBy(2)).until(() -> ping() == 404);
    }

    @Test
    void shouldKeepASessionThatIsUsedWithinTheIdleTimeout() throws InterruptedException {
        session = http.initialize();

        for (int i = 0; i < 8; i++) {
            Thread.sleep(IDLE.toMillis() / 4);
            HttpResponse<String> response = http.post(PING, RawMcpHttp.session(session));
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseARequestThatReusesTheIdOfOneStillInFlight() throws Exception {
        session = http.initialize();
        String call = """
                {"jsonrpc":"2.0","id":"same","method":"tools/call","params":{"name":"demo__echo","arguments":{"text":"hi"}}}""";
        var first = http.postAsync(call, RawMcpHttp.session(session));
        await().atMost(Duration.ofSeconds(1)).until(() -> http.metrics().contains("mcpgw_pending_decisions 1.0"));

        HttpResponse<String> second = http.post(call, RawMcpHttp.session(session));

        assertThat(RawMcpHttp.errorCode(second)).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(new JsonObject(second.body()).getJsonObject("error").getString("message")).contains("still in flight");
        assertThat(RawMcpHttp.errorCode(first.get(5, TimeUnit.SECONDS))).isEqualTo(ErrorCodes.AUTHORIZATION_UNAVAILABLE);
    }
}
