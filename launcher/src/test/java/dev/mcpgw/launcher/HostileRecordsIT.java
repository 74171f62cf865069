package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.DeadLetter;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever can write the gateway's topics writes garbage, a record of another schema and a
 * tombstone straight onto gateway.propose, gateway.outcome, gateway.decide, gateway.receipt and
 * gateway.policy of a running `gateway up`. Every component keeps running, every record is
 * reported on gateway.dead-letter, the receipt sink raises its alarm for the broken trail, and
 * the next call is decided as before.
 */
class HostileRecordsIT {
    private static final List<String> TOPICS = List.of(Topics.PROPOSE.name(), Topics.OUTCOME.name(), Topics.DECIDE.name(),
            Topics.RECEIPT.name(), Topics.POLICY.name());
    private static Gateway gateway;

    @BeforeAll
    static void up(@TempDir Path dir) throws Exception {
        gateway = DemoGateway.start(dir, "", """
                decisionPartitions: 1
                agents:
                  - {id: demo-agent, apiKey: "k-records", groups: [demo]}
                """, Map.of());
    }

    @AfterAll
    static void down() {
        gateway.close();
    }

    @Test
    void shouldReportEveryBadRecordAndKeepDecidingWithEveryComponentRunning() throws Exception {
        assertThat(echo("before the bad records")).isEqualTo("before the bad records");
        byte[] foreign = Topics.REVIEW_VERDICT.valueSerde().serializer()
                .serialize(Topics.REVIEW_VERDICT.name(), new ReviewVerdict("v-1", "i-1", true, "mallory", java.util.List.of(), null, "web", 0L, ""));

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, gateway.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : TOPICS) {
                for (byte[] value : new byte[][] {{(byte) 0xff, 0x13, 0x37, 0x00}, foreign, null}) {
                    // Partition 0: the one the edge reads of gateway.decide, and the only one of the others here.
                    producer.send(new ProducerRecord<>(topic, 0, topic.equals(Topics.POLICY.name()) ? Topics.ACTIVE_POLICY_KEY : "mallory", value))
                            .get();
                }
            }
        }

        // Garbage, the foreign record and the tombstone on each topic: three dead letters each, at least (delivery is at least once).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(deadLettersPerTopic())
                .allSatisfy((topic, count) -> assertThat(count).as(topic).isGreaterThanOrEqualTo(3))
                .containsKeys(TOPICS.toArray(String[]::new)));
        assertThat(echo("after the bad records")).isEqualTo("after the bad records");
        HttpResponse<String> health = get(gateway.healthUrl());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(gateway.receiptSink().isRunning()).isTrue();
        assertThat(gateway.receiptSink().firstBreak()).hasValueSatisfying(b -> assertThat(b.check()).isEqualTo("readable receipt"));
        assertThat(get(gateway.baseUrl() + "/metrics").body()).contains("mcpgw_receipt_chain_intact 0.0");
    }

    private static Map<String, Long> deadLettersPerTopic() {
        return TopicConsumers.readAll(gateway.bootstrapServers(), Topics.DEAD_LETTER.name(), Topics.DEAD_LETTER, Duration.ofSeconds(30))
                .stream().collect(Collectors.groupingBy(DeadLetter::getTopic, Collectors.counting()));
    }

    private static String echo(String text) {
        McpSyncClient client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", "k-records");
        try {
            CallToolResult result = client.callTool(new CallToolRequest("demo__echo", Map.of("text", text)));
            return ((TextContent) result.content().get(0)).text();
        } finally {
            client.closeGracefully();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
