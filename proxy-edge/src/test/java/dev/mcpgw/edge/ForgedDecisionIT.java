package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.DecisionAuthenticator;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whoever can write gateway.decide but does not hold the decision stream's key cannot make the
 * edge forward a call: the test plays that writer, answering a waiting call with ALLOW records of
 * its own, and the tool server never hears of the call. A garbage record and a tombstone on the
 * edge's partition do not stop it from taking the real decision that follows.
 */
class ForgedDecisionIT {
    private static EdgeFixture gateway;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withoutDecisionStream(Duration.ofSeconds(8));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void shouldNeverForwardOnAForgedOrMovedAllow() throws Exception {
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());
        CompletableFuture<JsonObject> answer = callAsync(raw, "forged allow");
        Intent intent = proposed("forged allow");
        Decision allow = new Decision(intent.getIntentId(), Effect.ALLOW, List.of("demo-tools"), List.of("allowed"), "edge-tests",
                new ReceiptRef("propose-0", 0L, "00"), intent.getReplyTo(), "", null, null);

        writeDecision(intent, allow);
        writeDecision(intent, new DecisionAuthenticator(SecretKeyFile.random()).seal(allow));
        Decision genuineForAnother = gateway.decisionAuthenticator().seal(Decision.newBuilder(allow).setIntentId("another-intent").build());
        writeDecision(intent, Decision.newBuilder(genuineForAnother).setIntentId(intent.getIntentId()).build());

        await().atMost(Duration.ofSeconds(15)).until(() -> raw.metrics().contains("mcpgw_decisions_forged_total 3.0"));
        JsonObject refused = answer.get();
        assertThat(refused.getJsonObject("error").getString("message")).contains("no authorization decision");
        assertThat(gateway.callsReceived()).noneSatisfy(line -> assertThat(line).contains("forged allow"));
    }

    @Test
    void shouldTakeTheRealDecisionAfterAGarbageRecordAndATombstone() throws Exception {
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());
        CompletableFuture<JsonObject> answer = callAsync(raw, "after garbage");
        Intent intent = proposed("after garbage");

        TopicIO.writeBytes(Topics.DECIDE.name(), intent.getIntentId(), new byte[] {(byte) 0xff, 0x00, 0x42});
        TopicIO.writeBytes(Topics.DECIDE.name(), intent.getIntentId(), null);
        writeDecision(intent, gateway.decisionAuthenticator().seal(new Decision(intent.getIntentId(), Effect.ALLOW, List.of("demo-tools"),
                List.of("allowed"), "edge-tests", new ReceiptRef("propose-0", 0L, "00"), intent.getReplyTo(), "", null, null)));

        assertThat(answer.get().getJsonObject("result")).isNotNull();
        assertThat(gateway.callsReceived()).anySatisfy(line -> assertThat(line).contains("after garbage"));
        assertThat(raw.healthStatus()).isEqualTo(200);
    }

    private static CompletableFuture<JsonObject> callAsync(RawMcpHttp raw, String text) {
        JsonObject request = RawMcpHttp.statelessRequest(7, "tools/call",
                new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", text)));
        return raw.postAsync(request.encode(), RawMcpHttp.statelessHeaders(request)).thenApply(response -> new JsonObject(response.body()));
    }

    private static Intent proposed(String text) {
        return TopicIO.readUntil(Topics.PROPOSE, rs -> rs.stream().anyMatch(r -> r.value().getArgumentsJson().contains(text)),
                        Duration.ofSeconds(10))
                .stream().map(ConsumerRecord::value).filter(i -> i.getArgumentsJson().contains(text)).findFirst().orElseThrow();
    }

    private static void writeDecision(Intent intent, Decision decision) {
        TopicIO.writeToPartition(Topics.DECIDE, intent.getReplyTo().getPartition(), intent.getIntentId(), decision);
    }
}
