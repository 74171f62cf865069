package dev.mcpgw.edge;

import dev.mcpgw.edge.mrtr.RequestStateKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.broker.EmbeddedKafkaBroker;
import dev.mcpgw.edge.identity.AgentCredential;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka stops while the edge is serving: calls are refused with a clear error, never forwarded.
 * This test stops its broker, so it has one of its own rather than the JVM's shared broker.
 */
class KafkaDownFailClosedIT {
    @TempDir
    Path temp;


    @Test
    void shouldRefuseCallsWithoutForwardingWhenKafkaIsDown() throws Exception {
        // given
        Path callLog = temp.resolve("calls.log");
        Vertx vertx = Vertx.vertx();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.temporary().start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                new TopicProvisioner(admin).ensure(Topics.ALL);
            }
            EdgeVerticle edge = new EdgeVerticle(new EdgeSettings("127.0.0.1", 0, broker.bootstrapServers(), "edge-kafka-down", 0,
                    Duration.ofSeconds(2), Duration.ofSeconds(10), 64 * 1024, 100, List.of(),
                    List.of(new AgentCredential("alice", EdgeFixture.ALICE_KEY, List.of())),
                    List.of(EdgeFixture.stdioDemo(callLog)), RequestStateKey.random(), RequestStateKey.random()));
            vertx.deployVerticle(edge).await();
            McpSyncClient client = McpPeers.httpClient("http://127.0.0.1:" + edge.port(), "/mcp", EdgeFixture.ALICE_KEY);
            // when
            broker.close();
            // then
            assertThatThrownBy(() -> client.callTool(new CallToolRequest("demo__echo", Map.of("text", "while kafka is down"))))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("Call not forwarded")
                    .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(ErrorCodes.AUTHORIZATION_UNAVAILABLE));
            assertThat(McpPeers.callsReceived(callLog)).isEmpty();
            client.closeGracefully();
        } finally {
            vertx.close().await();
        }
    }
}
