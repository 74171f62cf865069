package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Refusal;
import dev.mcpgw.schemas.RefusalKind;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Every refusal leaves a trace on gateway.audit, aggregated per source so that a flood writes a
 * bounded number of records: the first at once, the rest with their count when the window closes
 * (here: when the edge stops), and the edge keeps serving through it.
 */
class AuditTrailIT {
    private static final int FLOOD = 200;

    @Test
    void aFloodOfBadKeysIsOneRecordAtOnceAndOneWithTheRestsCount() {
        EdgeFixture gateway = EdgeFixture.withoutDecisionStream(Duration.ofSeconds(1));
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());
        String edge = gateway.edge().instanceId();
        for (int i = 0; i < FLOOD; i++) {
            assertThat(raw.post(PING, Map.of("Authorization", "Bearer not-a-key-" + i)).statusCode()).isEqualTo(401);
        }
        assertThat(trail(edge, RefusalKind.AUTHENTICATION, "unknown_key", 1)).singleElement()
                .satisfies(r -> assertThat(r.getCount()).isEqualTo(1));

        assertThat(raw.healthStatus()).isEqualTo(200);
        gateway.close();

        assertThat(trail(edge, RefusalKind.AUTHENTICATION, "unknown_key", 2)).extracting(Refusal::getCount)
                .containsExactly(1L, (long) FLOOD - 1);
    }

    @Test
    void malformedRequestsAreRecordedAggregatedAndTheEdgeStaysUp() {
        EdgeFixture gateway = EdgeFixture.withoutDecisionStream(Duration.ofSeconds(1));
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());
        String edge = gateway.edge().instanceId();
        List<String> hostile = List.of("not json at all", "[", "{\"jsonrpc\":\"1.0\"}", "\u0000\uFFFF", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":7}");
        for (int i = 0; i < FLOOD; i++) {
            HttpResponse<String> response = raw.post(hostile.get(i % hostile.size()), RawMcpHttp.auth());
            assertThat(response.statusCode()).isEqualTo(400);
        }
        assertThat(trail(edge, RefusalKind.MALFORMED_REQUEST, "http-400", 1)).singleElement()
                .satisfies(r -> assertThat(r.getAgent()).isEqualTo("alice"));

        assertThat(raw.healthStatus()).isEqualTo(200);
        gateway.close();

        assertThat(trail(edge, RefusalKind.MALFORMED_REQUEST, "http-400", 2)).extracting(Refusal::getCount)
                .containsExactly(1L, (long) FLOOD - 1);
    }

    @Test
    void deniedCallsAreRecordedAsRefusedAuthorizationsPerAgentAndRules() {
        EdgeFixture gateway = EdgeFixture.withDecisionStream();
        RawMcpHttp raw = new RawMcpHttp(gateway.mcpUrl());
        String edge = gateway.edge().instanceId();
        for (int i = 0; i < 3; i++) {
            JsonObject call = new JsonObject().put("name", "demo__delete_file").put("arguments", new JsonObject().put("path", "/etc/passwd"));
            assertThat(new JsonObject(raw.stateless(i, "tools/call", call).body()).getJsonObject("result").getBoolean("isError")).isTrue();
        }
        assertThat(trail(edge, RefusalKind.AUTHORIZATION, "denied by [no-deletes]", 1)).singleElement()
                .satisfies(r -> assertThat(r.getAgent()).isEqualTo("alice"));

        gateway.close();

        assertThat(trail(edge, RefusalKind.AUTHORIZATION, "denied by [no-deletes]", 2)).extracting(Refusal::getCount)
                .containsExactly(1L, 2L);
    }

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    /** This edge's records of one kind and reason, once there are {@code expected} of them. */
    private static List<Refusal> trail(String edge, RefusalKind kind, String reason, int expected) {
        List<ConsumerRecord<String, Refusal>> records = TopicIO.readUntil(Topics.AUDIT,
                all -> mine(all, edge, kind, reason).size() >= expected, Duration.ofSeconds(30));
        return mine(records, edge, kind, reason);
    }

    private static List<Refusal> mine(List<ConsumerRecord<String, Refusal>> records, String edge, RefusalKind kind, String reason) {
        return records.stream().map(ConsumerRecord::value)
                .filter(r -> r.getEdge().equals(edge) && r.getKind() == kind && r.getReason().equals(reason)).toList();
    }
}
