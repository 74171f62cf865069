package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Outcome;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call its client withdraws while it waits for its decision is never forwarded, and once its
 * decision comes it is recorded as cancelled. The test writes that decision itself, to the edge's
 * partition of gateway.decide as the stream would, so that it comes only after the withdrawal.
 */
class WithdrawnCallIT {
    private static EdgeFixture gateway;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withoutDecisionStream(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void shouldRecordACallWithdrawnBeforeItsDecisionAsCancelled() throws IOException {
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());
        JsonObject request = RawMcpHttp.statelessRequest(3, "tools/call",
                new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", "withdrawn late")));
        try (Socket stream = raw.openStream(request.encode(), RawMcpHttp.statelessHeaders(request))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> raw.metrics().contains("mcpgw_pending_decisions 1.0"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> raw.metrics().contains("mcpgw_withdrawn_total 1.0"));
        Intent intent = TopicIO.readUntil(Topics.PROPOSE, rs -> rs.stream().anyMatch(r -> isWithdrawnLate(r.value())), Duration.ofSeconds(10))
                .stream().map(ConsumerRecord::value).filter(WithdrawnCallIT::isWithdrawnLate).findFirst().orElseThrow();

        TopicIO.writeToPartition(Topics.DECIDE, intent.getReplyTo().getPartition(), intent.getIntentId(),
                gateway.decisionAuthenticator().seal(new Decision(intent.getIntentId(), Effect.ALLOW, List.of("demo-tools"),
                        List.of("allowed"), "edge-tests", new ReceiptRef("propose-0", 0L, "00"), intent.getReplyTo(), "", null, null)));

        Outcome outcome = TopicIO.readUntil(Topics.OUTCOME, rs -> rs.stream().anyMatch(r -> isWithdrawnLate(r.value().getIntent())),
                        Duration.ofSeconds(10))
                .stream().map(ConsumerRecord::value).filter(o -> isWithdrawnLate(o.getIntent())).findFirst().orElseThrow();
        assertThat(outcome.getIntent().getIntentId()).isEqualTo(intent.getIntentId());
        assertThat(outcome.getOutcome().getStatus()).isEqualTo(OutcomeStatus.CANCELLED);
        assertThat(outcome.getOutcome().getError()).contains("withdrawn");
        assertThat(outcome.getOutcome().getDecisionReceipt().getChain()).isEqualTo("propose-0");
        assertThat(gateway.callsReceived()).isEmpty();
    }

    private static boolean isWithdrawnLate(Intent intent) {
        return intent.getArgumentsJson().contains("withdrawn late");
    }
}
