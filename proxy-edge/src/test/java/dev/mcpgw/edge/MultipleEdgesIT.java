package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.TopicIO;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two edge instances share the broker and the decision stream; each reads only its own partition of
 * gateway.decide, and the stream writes each decision to the partition of the edge that asked. A
 * session lives on the edge that opened it; a 2026-07-28 request can go to either.
 */
class MultipleEdgesIT {
    private static EdgeFixture gateway;
    private static EdgeVerticle second;
    private static McpSyncClient viaFirst;
    private static McpSyncClient viaSecond;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream();
        second = gateway.deployEdge(2);
        viaFirst = McpPeers.httpClient(gateway.baseUrl(), "/mcp", EdgeFixture.ALICE_KEY);
        viaSecond = McpPeers.httpClient("http://127.0.0.1:" + second.port(), "/mcp", EdgeFixture.ALICE_KEY);
    }

    @AfterAll
    static void stop() {
        viaFirst.closeGracefully();
        viaSecond.closeGracefully();
        gateway.close();
    }

    @Test
    void shouldAnswerCallsAlternatingBetweenTwoEdgeInstances() {
        for (int i = 0; i < 6; i++) {
            McpSyncClient client = i % 2 == 0 ? viaFirst : viaSecond;

            var result = client.callTool(new CallToolRequest("demo__echo", Map.of("text", "call " + i)));

            assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("call " + i);
        }
    }

    @Test
    void shouldAnswerStatelessRequestsAlternatingBetweenTwoEdgeInstances() {
        List<RawMcpHttp> edges = List.of(new RawMcpHttp(gateway.mcpUrl()), new RawMcpHttp("http://127.0.0.1:" + second.port() + EdgeVerticle.MCP_PATH));
        for (int i = 0; i < 6; i++) {
            JsonObject params = new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", "stateless " + i));

            var response = edges.get(i % 2).stateless(i, "tools/call", params);

            assertThat(new JsonObject(response.body()).getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
                    .isEqualTo("stateless " + i);
        }
    }

    @Test
    void shouldWriteEachDecisionToThePartitionOfTheEdgeThatAsked() {
        viaFirst.callTool(new CallToolRequest("demo__echo", Map.of("text", "first")));
        viaSecond.callTool(new CallToolRequest("demo__echo", Map.of("text", "second")));

        List<ConsumerRecord<String, Decision>> decisions = TopicIO.readUntil(Topics.DECIDE,
                rs -> countFrom(rs, gateway.edge()) > 0 && countFrom(rs, second) > 0, Duration.ofSeconds(30));

        assertThat(decisions).filteredOn(r -> fromEdge(r, gateway.edge())).isNotEmpty().allSatisfy(r -> assertThat(r.partition()).isEqualTo(1));
        assertThat(decisions).filteredOn(r -> fromEdge(r, second)).isNotEmpty().allSatisfy(r -> assertThat(r.partition()).isEqualTo(2));
    }

    private static long countFrom(List<ConsumerRecord<String, Decision>> records, EdgeVerticle edge) {
        return records.stream().filter(r -> fromEdge(r, edge)).count();
    }

    private static boolean fromEdge(ConsumerRecord<String, Decision> record, EdgeVerticle edge) {
        return record.value().getReplyTo().getEdgeInstance().equals(edge.instanceId());
    }
}
