package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.testsupport.NodePeers;
import dev.mcpgw.testsupport.SealedVerdicts;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call under human review to a dual-era server runs, once approved, on the half of the era of
 * the client that made it: the TypeScript SDK tool server with its eras made to differ, whose
 * which_era names the era that served it, called as a task by a 2025-11-25 session and by a
 * 2026-07-28 client.
 */
class DualEraReviewIT {
    private static final String POLICY = """
            {"id": "dual-review", "name": "dual-review", "version": "1.0.0", "defaultEffect": "deny", "rules": [
              {"id": "which-era-review", "effect": "require_approval", "condition": {"field": "action.type", "operator": "eq", "value": "mcp.which_era"},
               "approvalConfig": {"approvers": [{"type": "user", "id": "ann"}], "expiresIn": "10m"}}]}""";
    private static final String TASKS_EXTENSION = "io.modelcontextprotocol/tasks";
    private static NodePeers.HttpToolServer server;
    private static EdgeFixture gateway;
    private static SealedVerdicts verdicts;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        gateway = EdgeFixture.withDecisionStreamFronting(DualEraReviewIT::servers);
        verdicts = new SealedVerdicts(gateway.verdictAuthenticator());
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("dual-review", POLICY, 0L), 0L);
        TaskSession probe = new TaskSession(gateway.mcpUrl(), EdgeFixture.ALICE_KEY);
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(probe.result("tools/call",
                new JsonObject().put("name", "dual__only_session").put("arguments", new JsonObject())).getBoolean("isError")));
    }

    private static List<DownstreamSpec> servers(Path callLog) {
        server = NodePeers.httpToolServer(callLog, Map.of(NodePeers.ERA_TOOLS_ENV, "1"));
        return List.of(new DownstreamSpec("dual", null, null, null, server.url(), Map.of(), "dual"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldRunASessionClientsApprovedCallOnTheSessionHalf() {
        TaskSession alice = new TaskSession(gateway.mcpUrl(), EdgeFixture.ALICE_KEY);
        String taskId = alice.result("tools/call", new JsonObject().put("name", "dual__which_era").put("arguments", new JsonObject())
                .put("task", new JsonObject().put("ttl", 60_000))).getJsonObject("task").getString("taskId");

        approve(reviewOf("2025-11-25"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(alice.get(taskId).getString("status")));
        JsonObject result = alice.result("tasks/result", new JsonObject().put("taskId", taskId));
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("legacy");
    }

    @Test
    void shouldRunA2026ClientsApprovedCallOnThe2026Half() {
        String taskId = stateless("tools/call", new JsonObject().put("name", "dual__which_era").put("arguments", new JsonObject()))
                .getString("taskId");

        approve(reviewOf("2026-07-28"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(stateless("tasks/get", new JsonObject().put("taskId", taskId))
                .getString("status")));
        JsonObject ended = stateless("tasks/get", new JsonObject().put("taskId", taskId)).getJsonObject("result");
        assertThat(ended.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("modern");
    }

    /** A 2026-07-28 request as alice, declaring the tasks extension; its result. */
    private static JsonObject stateless(String method, JsonObject params) {
        JsonObject answer = new JsonObject(new RawMcpHttp(gateway.mcpUrl()).stateless(UUID.randomUUID().toString(), method,
                params.copy().put("_meta", new JsonObject().put("io.modelcontextprotocol/clientCapabilities",
                        new JsonObject().put("extensions", new JsonObject().put(TASKS_EXTENSION, new JsonObject()))))).body());
        assertThat(answer.containsKey("result")).as(answer.encode()).isTrue();
        return answer.getJsonObject("result");
    }

    /** The review of the call to which_era made in {@code revision}. */
    private static ReviewRequest reviewOf(String revision) {
        Predicate<ConsumerRecord<String, ReviewRequest>> ofCall = r -> "which_era".equals(String.valueOf(r.value().getIntent().getTool()))
                && revision.equals(String.valueOf(r.value().getIntent().getProtocolVersion()));
        return TopicIO.readUntil(Topics.REVIEW_REQUEST, all -> all.stream().anyMatch(ofCall), Duration.ofSeconds(20))
                .stream().filter(ofCall).findFirst().orElseThrow().value();
    }

    private static void approve(ReviewRequest review) {
        TopicIO.write(Topics.REVIEW_VERDICT, "alice", verdicts.approve(review.getIntentId(), "ann"), System.currentTimeMillis());
    }
}
