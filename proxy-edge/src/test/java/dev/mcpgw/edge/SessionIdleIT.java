package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.limits.AgentCaps;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sessions their clients leave unused end after the idle timeout, and give their agent's slot back. */
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
}
