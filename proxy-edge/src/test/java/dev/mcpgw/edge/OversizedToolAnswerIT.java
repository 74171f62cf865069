package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Outcome;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Behind a running gateway, a tool server's answer over its cap reaches no client: the call fails
 * with -32053 naming the cap and nothing of the answer, its outcome is recorded FAILED with that
 * error, the message is counted for the server, and the server (stdio, started again) serves the
 * next call.
 */
class OversizedToolAnswerIT {
    private static final int CAP = 16 * 1024;
    private static final String TOO_LARGE = "tool server demo unavailable: it sent a message over its cap of " + CAP
            + " bytes (mcpServers.demo.maxMessageBytes); stopped, to be started again";
    private static EdgeFixture gateway;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream(log -> EdgeFixture.stdioDemo(log).withMaxMessageBytes(CAP));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void shouldFailACallWhoseAnswerIsOverTheServersCapRecordItAndServeTheNextCall() {
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());
        // given: the demo server echoes its text, and the text alone is over the cap (twice would pass limits.maxStringLength)
        String text = "oversized " + "x".repeat(CAP);

        // when
        HttpResponse<String> answer = raw.stateless(1, "tools/call", new JsonObject().put("name", "demo__echo")
                .put("arguments", new JsonObject().put("text", text)));

        // then
        JsonObject error = new JsonObject(answer.body()).getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.DOWNSTREAM_UNAVAILABLE);
        assertThat(error.getString("message")).isEqualTo(TOO_LARGE);
        assertThat(answer.body()).doesNotContain("xxxxxxxx");
        Outcome outcome = TopicIO.readUntil(Topics.OUTCOME, rs -> rs.stream().anyMatch(r -> isOversized(r.value())), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).filter(OversizedToolAnswerIT::isOversized).findFirst().orElseThrow();
        assertThat(outcome.getOutcome().getStatus()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.getOutcome().getError()).isEqualTo(ErrorCodes.DOWNSTREAM_UNAVAILABLE + " " + TOO_LARGE);
        assertThat(raw.metrics()).contains("mcpgw_tool_server_messages_too_large_total{server=\"demo\"} 1.0");
        await().atMost(Duration.ofSeconds(60)).until(() -> raw.metrics().contains("mcpgw_tool_server_restarts_total{server=\"demo\"} 1.0"));
        JsonObject next = new JsonObject(raw.stateless(2, "tools/call", new JsonObject().put("name", "demo__add")
                .put("arguments", new JsonObject().put("a", 2).put("b", 3))).body()).getJsonObject("result");
        assertThat(next.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("5.0");
    }

    private static boolean isOversized(Outcome outcome) {
        return outcome.getIntent().getArgumentsJson().contains("oversized ");
    }
}
