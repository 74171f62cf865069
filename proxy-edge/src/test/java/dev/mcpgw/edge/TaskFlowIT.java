package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.edge.task.TaskRecord;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.DecisionAuthenticator;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewState;
import dev.mcpgw.schemas.ReviewStatus;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.testsupport.NodePeers;
import dev.mcpgw.testsupport.SealedVerdicts;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tool calls under human review as MCP tasks, end to end through the edge, Kafka and the decision
 * stream: a 2025-11-25 session that asks for a task, and a 2026-07-28 client that declares the
 * tasks extension, get a task handle and collect the result from any edge instance once approvers'
 * sealed verdicts settle the review; the demo server counts what actually ran. An instance that
 * stops for good leaves its tasks to another, which runs an approved call once, and ends one it had
 * claimed as of unknown outcome.
 */
class TaskFlowIT {
    private static final String DISPOSITION = "io.modelcontextprotocol/tool-approval-disposition";
    private static final String TASKS_EXTENSION = "io.modelcontextprotocol/tasks";
    private static final String TOOL_APPROVAL = "io.modelcontextprotocol/tool-approval";
    private static final String AUTHORIZATION = "io.modelcontextprotocol/authorization";

    /** The review policy of ReviewFlowIT, and count_slowly (long enough to stop an instance while it runs) approved by ann. */
    static final String POLICY = ReviewFlowIT.POLICY.replace("{\"id\": \"echo-ok\"", """
            {"id": "slow-review", "effect": "require_approval", "condition": {"field": "action.type", "operator": "eq", "value": "mcp.count_slowly"},
             "approvalConfig": {"approvers": [{"type": "user", "id": "ann"}], "expiresIn": "10m"}},
            {"id": "echo-ok\"""");

    private static EdgeFixture gateway;
    private static TaskSession alice;
    private static TaskSession bob;
    private static SealedVerdicts verdicts;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream();
        alice = new TaskSession(gateway.mcpUrl(), EdgeFixture.ALICE_KEY);
        bob = new TaskSession(gateway.mcpUrl(), EdgeFixture.BOB_KEY);
        verdicts = new SealedVerdicts(gateway.verdictAuthenticator());
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("task-it", POLICY, 0L), 0L);
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(alice.result("tools/call",
                new JsonObject().put("name", "demo__add").put("arguments", new JsonObject().put("a", 1).put("b", 2))).getBoolean("isError")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void shouldDeclareTasksAndToolApprovalToBothEras() {
        JsonObject sessionCapabilities = alice.initializeResult().getJsonObject("capabilities");
        JsonObject discovered = new JsonObject(new RawMcpHttp(gateway.mcpUrl()).stateless(1, "server/discover", new JsonObject()).body())
                .getJsonObject("result").getJsonObject("capabilities");
        JsonArray tools = alice.result("tools/list", new JsonObject()).getJsonArray("tools");

        assertThat(sessionCapabilities.getJsonObject("tasks").getJsonObject("requests").getJsonObject("tools").containsKey("call")).isTrue();
        assertThat(sessionCapabilities.getJsonObject("tasks").fieldNames()).contains("list", "cancel");
        assertThat(sessionCapabilities.getJsonObject("experimental").fieldNames()).contains(TOOL_APPROVAL);
        assertThat(discovered.getJsonObject("extensions").fieldNames()).contains(TASKS_EXTENSION, TOOL_APPROVAL);
        assertThat(tools).allSatisfy(tool -> assertThat(((JsonObject) tool).getJsonObject("execution").getString("taskSupport")).isEqualTo("optional"));
    }

    @Test
    void shouldRunAnApprovedTaskExactlyOnceAndKeepItsResultForTheClient() {
        String text = "one-" + UUID.randomUUID();
        JsonObject created = alice.echoAsTask(text).getJsonObject("task");
        String taskId = created.getString("taskId");
        ReviewRequest review = reviewOf(text);
        assertThat(created.getString("status")).isEqualTo("working");
        assertThat(created.getString("statusMessage")).contains("human review " + review.getIntentId());
        assertThat(alice.get(taskId).getString("status")).isEqualTo("working");

        send(verdicts.approve(review.getIntentId(), "ann"));

        JsonObject done = awaitStatus(alice, taskId, "completed");
        JsonObject result = alice.result("tasks/result", new JsonObject().put("taskId", taskId));
        assertThat(done.getLong("ttl")).isEqualTo(Duration.ofMinutes(20).toMillis());
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(text);
        assertThat(result.getJsonObject("_meta").getJsonObject("io.modelcontextprotocol/related-task").getString("taskId")).isEqualTo(taskId);
        assertThat(result.getJsonObject("_meta").getString(DISPOSITION)).isEqualTo("approved-executed");
        assertThat(callsOf(text)).isEqualTo(1);
        assertThat(outcomeOf(review.getIntentId())).isEqualTo(OutcomeStatus.EXECUTED);
        assertThat(alice.result("tasks/list", new JsonObject()).getJsonArray("tasks"))
                .anySatisfy(t -> assertThat(((JsonObject) t).getString("taskId")).isEqualTo(taskId));
    }

    @Test
    void shouldServeTheTypeScriptSdkClientATaskItPollsToTheApprovedResult() throws Exception {
        String text = "one-" + UUID.randomUUID();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> NodePeers.client(gateway.mcpUrl(), EdgeFixture.ALICE_KEY, "legacy",
                "task", "demo__echo", new JsonObject().put("text", text).encode()));
        ReviewRequest review = reviewOf(text);

        send(verdicts.approve(review.getIntentId(), "ann"));

        JsonObject client = new JsonObject(answer.get(90, TimeUnit.SECONDS));
        assertThat(client.getString("protocolVersion")).isEqualTo("2025-11-25");
        JsonObject result = client.getJsonObject("result");
        assertThat(result).as(client.encode()).isNotNull();
        assertThat(result.getJsonObject("created").getJsonObject("task").getString("status")).isEqualTo("working");
        assertThat(result.getJsonObject("created").getJsonObject("_meta").getJsonObject(AUTHORIZATION).getJsonArray("remediationHints"))
                .containsExactly(new JsonObject().put("type", "task"));
        assertThat(result.getJsonObject("ended").getString("status")).isEqualTo("completed");
        assertThat(result.getJsonObject("payload").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(text);
        assertThat(callsOf(text)).isEqualTo(1);
    }

    @Test
    void shouldTellTheTypeScriptSdkClientOf2026WithoutTasksInSep2643sEnvelopeThatTheReviewsRemedyIsUndisclosed() {
        String text = "one-" + UUID.randomUUID();

        JsonObject client = new JsonObject(NodePeers.client(gateway.mcpUrl(), EdgeFixture.ALICE_KEY, "2026", "call", "demo__echo",
                new JsonObject().put("text", text).encode()));

        JsonObject result = client.getJsonObject("result");
        assertThat(client.getString("protocolVersion")).isEqualTo("2026-07-28");
        assertThat(result).as(client.encode()).isNotNull();
        assertThat(result.getBoolean("isError")).isTrue();
        JsonObject envelope = result.getJsonObject("_meta").getJsonObject(AUTHORIZATION);
        assertThat(envelope.getString("reason")).isEqualTo("insufficient_authorization");
        assertThat(envelope.getString("remediation")).isEqualTo("undisclosed");
        assertThat(envelope.getString("authorizationContextId")).isEqualTo(reviewOf(text).getIntentId());
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldRepeatSep2643sEnvelopeOnEveryTasksGetWhileTheTaskWaitsForItsReview() {
        String text = "one-" + UUID.randomUUID();
        JsonObject created = stateless(gateway.edge(), "tools/call", new JsonObject().put("name", "demo__echo")
                .put("arguments", new JsonObject().put("text", text)));
        ReviewRequest review = reviewOf(text);

        JsonObject waiting = stateless(gateway.edge(), "tasks/get", new JsonObject().put("taskId", created.getString("taskId")));
        send(verdicts.deny(review.getIntentId(), "ben"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(stateless(gateway.edge(), "tasks/get",
                new JsonObject().put("taskId", created.getString("taskId"))).getString("status")));
        JsonObject ended = stateless(gateway.edge(), "tasks/get", new JsonObject().put("taskId", created.getString("taskId")));
        for (JsonObject answer : List.of(created, waiting)) {
            assertThat(answer.getJsonObject("_meta").getJsonObject(AUTHORIZATION)).isEqualTo(new JsonObject()
                    .put("reason", "insufficient_authorization").put("remediation", "available")
                    .put("authorizationContextId", review.getIntentId()).put("remediationHints", new JsonArray().add(new JsonObject().put("type", "task"))));
        }
        assertThat(ended.getJsonObject("_meta", new JsonObject()).containsKey(AUTHORIZATION)).isFalse();
        assertThat(ended.getJsonObject("result").getJsonObject("_meta").getJsonObject(AUTHORIZATION).getString("remediation")).isEqualTo("unavailable");
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldSendTheTypeScriptSdkClientsSessionTheStatusOfItsTaskWhenItEnds() throws Exception {
        String text = "one-" + UUID.randomUUID();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> NodePeers.client(gateway.mcpUrl(), EdgeFixture.ALICE_KEY, "legacy",
                "task", "demo__echo", new JsonObject().put("text", text).encode()));
        ReviewRequest review = reviewOf(text);

        send(verdicts.approve(review.getIntentId(), "ann"));

        JsonObject client = new JsonObject(answer.get(90, TimeUnit.SECONDS));
        String taskId = client.getJsonObject("result").getJsonObject("created").getJsonObject("task").getString("taskId");
        assertThat(client.getJsonArray("taskStatuses")).as(client.encode()).isNotEmpty()
                .allSatisfy(status -> assertThat(((JsonObject) status).getString("taskId")).isEqualTo(taskId));
        JsonObject last = client.getJsonArray("taskStatuses").getJsonObject(client.getJsonArray("taskStatuses").size() - 1);
        assertThat(last.getString("status")).isEqualTo("completed");
        assertThat(last.getLong("ttl")).isPositive();
        assertThat(callsOf(text)).isEqualTo(1);
    }

    @Test
    void shouldHoldTasksResultUntilTheTaskEnds() throws Exception {
        String text = "one-" + UUID.randomUUID();
        String taskId = alice.echoAsTask(text).getJsonObject("task").getString("taskId");
        ReviewRequest review = reviewOf(text);
        CompletableFuture<JsonObject> result = CompletableFuture.supplyAsync(() -> alice.request("tasks/result", new JsonObject().put("taskId", taskId)));
        Thread.sleep(500);
        boolean heldBeforeApproval = !result.isDone();

        send(verdicts.approve(review.getIntentId(), "ann"));

        assertThat(heldBeforeApproval).isTrue();
        assertThat(result.get(30, TimeUnit.SECONDS).getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(text);
    }

    @Test
    void shouldCompleteAsOfUnknownOutcomeNotRepeatACallWhoseInstanceStoppedWhileItRan() {
        EdgeVerticle owner = gateway.deployEdge(3);
        String to = Integer.toString(1500 + new Random().nextInt(500));
        String taskId = stateless(owner, "tools/call", new JsonObject().put("name", "demo__count_slowly")
                .put("arguments", new JsonObject().put("to", Integer.parseInt(to)))).getString("taskId");
        ReviewRequest review = reviewOf("{\"to\":" + to + "}");
        send(verdicts.approve(review.getIntentId(), "ann"));
        await().atMost(Duration.ofSeconds(30)).until(() -> callsOf("{to=" + to + "}") == 1);

        gateway.stopEdge(owner);
        EdgeVerticle restarted = gateway.deployEdge(3);

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(stateless(gateway.edge(), "tasks/get", new JsonObject().put("taskId", taskId))
                .getString("status")));
        JsonObject ended = stateless(gateway.edge(), "tasks/get", new JsonObject().put("taskId", taskId)).getJsonObject("result");
        assertThat(ended.getBoolean("isError")).isTrue();
        assertThat(ended.getJsonArray("content").getJsonObject(0).getString("text")).startsWith("The tool may or may not have run");
        assertThat(ended.getJsonObject("_meta").getString(DISPOSITION)).isEqualTo("outcome-unknown");
        assertThat(callsOf("{to=" + to + "}")).isEqualTo(1);
        gateway.stopEdge(restarted);
    }

    @Test
    void shouldGiveATaskAtOnceToACallAllowedWithoutReview() {
        String text = "plain-" + UUID.randomUUID();

        String taskId = alice.echoAsTask(text).getJsonObject("task").getString("taskId");

        assertThat(alice.result("tasks/result", new JsonObject().put("taskId", taskId)).getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo(text);
        assertThat(alice.get(taskId).getString("status")).isEqualTo("completed");
        assertThat(callsOf(text)).isEqualTo(1);
    }

    @Test
    void shouldCompleteADeniedTaskSayingTheToolDidNotRunAndNeverRunIt() {
        String text = "one-" + UUID.randomUUID();
        String taskId = alice.echoAsTask(text).getJsonObject("task").getString("taskId");
        ReviewRequest review = reviewOf(text);

        send(verdicts.deny(review.getIntentId(), "ben"));

        JsonObject ended = awaitStatus(alice, taskId, "completed");
        JsonObject result = alice.result("tasks/result", new JsonObject().put("taskId", taskId));
        assertThat(ended.getString("statusMessage")).contains("denied by ben (web)");
        assertThat(result.getBoolean("isError")).isTrue();
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).startsWith("The tool did not run.")
                .contains("denied by ben (web)").contains("receipt propose-");
        assertThat(result.getJsonObject("_meta").getString(DISPOSITION)).isEqualTo("denied-not-executed");
        assertThat(result.getJsonObject("_meta").getJsonObject("dev.mcpgw/decision").getString("effect")).isEqualTo("DENY");
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldCompleteATaskWhoseReviewPassedItsDeadlineAsNotRun() {
        String text = "quick-" + UUID.randomUUID();
        String taskId = alice.echoAsTask(text).getJsonObject("task").getString("taskId");

        JsonObject ended = awaitStatus(alice, taskId, "completed");

        assertThat(ended.getString("statusMessage")).contains("review expired at");
        assertThat(alice.result("tasks/result", new JsonObject().put("taskId", taskId)).getJsonObject("_meta").getString(DISPOSITION))
                .isEqualTo("denied-not-executed");
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldCompleteAWaitingTaskThatAPolicyChangeDeniesAsNotRun() {
        String text = "one-" + UUID.randomUUID();
        String taskId = alice.echoAsTask(text).getJsonObject("task").getString("taskId");
        reviewOf(text);

        try {
            TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("task-it", ReviewFlowIT.ONE_DENIED, 0L), 0L);
            JsonObject ended = awaitStatus(alice, taskId, "completed");

            assertThat(ended.getString("statusMessage")).contains("no-more-ones");
            assertThat(alice.result("tasks/result", new JsonObject().put("taskId", taskId)).getJsonObject("_meta").getString(DISPOSITION))
                    .isEqualTo("denied-not-executed");
            assertThat(callsOf(text)).isZero();
        } finally {
            TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("task-it", POLICY, 0L), 0L);
            // Back in force once a call starting "one" goes to review again (refused at once, for a client without tasks), not denied.
            await().atMost(Duration.ofSeconds(30)).until(() -> new JsonObject(new RawMcpHttp(gateway.mcpUrl()).stateless(1, "tools/call",
                    new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", "one-" + UUID.randomUUID()))).body())
                    .getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text").contains("needs a human approval"));
        }
    }

    @Test
    void shouldNeverRunACancelledTaskEvenWhenItIsApprovedLater() {
        String text = "one-" + UUID.randomUUID();
        String taskId = alice.echoAsTask(text).getJsonObject("task").getString("taskId");
        ReviewRequest review = reviewOf(text);

        JsonObject cancelled = alice.result("tasks/cancel", new JsonObject().put("taskId", taskId));
        send(verdicts.approve(review.getIntentId(), "ann"));

        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(outcomeOf(review.getIntentId())).isEqualTo(OutcomeStatus.CANCELLED);
        assertThat(alice.get(taskId).getString("status")).isEqualTo("cancelled");
        assertThat(alice.request("tasks/cancel", new JsonObject().put("taskId", taskId)).getJsonObject("error").getInteger("code")).isEqualTo(-32602);
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldAnswerAnotherAgentsTaskExactlyAsAnUnknownOne() {
        String text = "one-" + UUID.randomUUID();
        String taskId = alice.echoAsTask(text).getJsonObject("task").getString("taskId");
        reviewOf(text);
        String unknown = taskId.substring(0, taskId.length() - 4) + "AAAA";

        for (String method : List.of("tasks/get", "tasks/result", "tasks/cancel")) {
            JsonObject bobs = bob.request(method, new JsonObject().put("taskId", taskId)).getJsonObject("error");
            JsonObject forged = alice.request(method, new JsonObject().put("taskId", unknown)).getJsonObject("error");
            assertThat(bobs.getInteger("code")).isEqualTo(-32602).isEqualTo(forged.getInteger("code"));
            assertThat(bobs.getString("message").replace(taskId, "ID")).isEqualTo(forged.getString("message").replace(unknown, "ID"));
        }
        assertThat(bob.result("tasks/list", new JsonObject()).getJsonArray("tasks"))
                .noneSatisfy(t -> assertThat(((JsonObject) t).getString("taskId")).isEqualTo(taskId));
        assertThat(alice.get(taskId).getString("status")).isEqualTo("working");
    }

    @Test
    void shouldIgnoreATaskRecordTheGatewayDidNotSeal() {
        String taskId = "forged-" + UUID.randomUUID();
        String unsealed = new JsonObject().put("taskId", taskId).put("agentId", "alice").put("intentId", "i").put("tool", "demo__echo")
                .put("ownerPartition", 1).put("status", "COMPLETED").put("createdAt", System.currentTimeMillis())
                .put("updatedAt", System.currentTimeMillis()).put("ttlMs", 3_600_000)
                .put("result", new JsonObject().put("content", new JsonArray())).encode();
        TopicIO.write(Topics.TASKS, taskId, new JsonObject().put("record", unsealed).put("mac", "AAAA").encode(), System.currentTimeMillis());
        TopicIO.write(Topics.TASKS, taskId + "-raw", unsealed, System.currentTimeMillis());
        // A record written after both, read back: the edge has seen them.
        String later = alice.echoAsTask("plain-" + UUID.randomUUID()).getJsonObject("task").getString("taskId");

        assertThat(alice.get(later).getString("status")).isEqualTo("completed");
        assertThat(alice.request("tasks/get", new JsonObject().put("taskId", taskId)).getJsonObject("error").getInteger("code")).isEqualTo(-32602);
        assertThat(alice.request("tasks/get", new JsonObject().put("taskId", taskId + "-raw")).getJsonObject("error").getInteger("code")).isEqualTo(-32602);
    }

    @Test
    void shouldRefuseMalformedTaskRequestsWithInvalidParamsAndKeepServing() {
        String huge = "x".repeat(40_000);
        List<JsonObject> answers = List.of(
                alice.request("tasks/get", null),
                alice.request("tasks/get", new JsonArray().add("id")),
                alice.request("tasks/get", new JsonObject()),
                alice.request("tasks/get", new JsonObject().put("taskId", 42)),
                alice.request("tasks/get", new JsonObject().put("taskId", new JsonObject().put("$gt", ""))),
                alice.request("tasks/get", new JsonObject().put("taskId", "")),
                alice.request("tasks/result", new JsonObject().put("taskId", huge)),
                alice.request("tasks/cancel", new JsonObject().put("taskId", new JsonArray().add("a"))),
                alice.request("tasks/list", new JsonObject().put("cursor", "not base64 !")),
                alice.request("tasks/list", new JsonObject().put("cursor", 7)),
                alice.request("tools/call", new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", "one"))
                        .put("task", "soon")),
                alice.request("tools/call", new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", "one"))
                        .put("task", new JsonObject().put("ttl", "forever"))));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.getJsonObject("error").getInteger("code")).isEqualTo(-32602));
        assertThat(answers.get(6).getJsonObject("error").getString("message")).doesNotContain(huge);
        assertThat(alice.result("ping", new JsonObject())).isEmpty();
    }

    @Test
    void shouldRefuseATaskBeyondTheMostOneAgentMayHoldBeforeTheCallRuns() {
        int held = bob.result("tasks/list", new JsonObject()).getJsonArray("tasks").size();
        for (int i = held; i < 100; i++) {
            bob.echoAsTask("plain-" + UUID.randomUUID());
        }
        String text = "plain-" + UUID.randomUUID();

        JsonObject refused = bob.request("tools/call", new JsonObject().put("name", "demo__echo")
                .put("arguments", new JsonObject().put("text", text)).put("task", new JsonObject())).getJsonObject("error");

        assertThat(refused.getInteger("code")).isEqualTo(-32055);
        assertThat(refused.getString("message")).contains("holds 100 tasks");
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldGiveA2026ClientATaskItCollectsFromAnotherInstanceWhileTheOneOwingItRestarts() {
        EdgeVerticle owner = gateway.deployEdge(3);
        EdgeVerticle other = gateway.deployEdge(2);
        String text = "one-" + UUID.randomUUID();
        JsonObject created = stateless(owner, "tools/call", new JsonObject().put("name", "demo__echo")
                .put("arguments", new JsonObject().put("text", text)));
        String taskId = created.getString("taskId");
        ReviewRequest review = reviewOf(text);
        assertThat(created.getString("resultType")).isEqualTo("task");
        assertThat(created.getString("status")).isEqualTo("working");
        assertThat(created.getLong("pollIntervalMs")).isPositive();

        gateway.stopEdge(owner);
        send(verdicts.approve(review.getIntentId(), "ann"));
        stateOf(review.getIntentId(), s -> s.getStatus() == ReviewStatus.APPROVED);
        JsonObject whileOwnerIsDown = stateless(other, "tasks/get", new JsonObject().put("taskId", taskId));
        EdgeVerticle restarted = gateway.deployEdge(3);

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(stateless(other, "tasks/get", new JsonObject().put("taskId", taskId))
                .getString("status")));
        JsonObject done = stateless(other, "tasks/get", new JsonObject().put("taskId", taskId));
        assertThat(whileOwnerIsDown.getString("status")).isEqualTo("working");
        assertThat(done.getString("resultType")).isEqualTo("complete");
        assertThat(done.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(text);
        assertThat(callsOf(text)).isEqualTo(1);
        gateway.stopEdge(restarted);
        gateway.stopEdge(other);
    }

    @Test
    void shouldHaveALiveInstanceRunOnceAnApprovedTaskWhoseOwningInstanceStoppedForGood() {
        EdgeVerticle owner = gateway.deployEdge(0);
        EdgeVerticle other = gateway.deployEdge(2);
        String text = "one-" + UUID.randomUUID();
        String taskId = stateless(owner, "tools/call", new JsonObject().put("name", "demo__echo")
                .put("arguments", new JsonObject().put("text", text))).getString("taskId");
        ReviewRequest review = reviewOf(text);
        gateway.stopEdge(owner);
        // Someone without the decision stream's key answers on the gone owner's partition first.
        Decision forged = new DecisionAuthenticator(SecretKeyFile.random()).seal(new Decision(review.getIntentId(), Effect.ALLOW,
                List.of("slow-review"), List.of("allowed"), "task-it", new ReceiptRef("propose-0", 0L, "00"), review.getIntent().getReplyTo(), "", null, null));
        TopicIO.writeToPartition(Topics.DECIDE, 0, review.getIntentId(), forged);
        await().atMost(Duration.ofSeconds(60)).until(() -> new RawMcpHttp(gateway.mcpUrl()).metrics().contains("mcpgw_decisions_forged_total 1.0"));
        JsonObject afterTheForgery = stateless(other, "tasks/get", new JsonObject().put("taskId", taskId));

        send(verdicts.approve(review.getIntentId(), "ann"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(stateless(other, "tasks/get", new JsonObject().put("taskId", taskId))
                .getString("status")));
        JsonObject done = stateless(other, "tasks/get", new JsonObject().put("taskId", taskId)).getJsonObject("result");
        assertThat(afterTheForgery.getString("status")).isEqualTo("working");
        assertThat(done.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(text);
        assertThat(done.getJsonObject("_meta").getString(DISPOSITION)).isEqualTo("approved-executed");
        assertThat(outcomeOf(review.getIntentId())).isEqualTo(OutcomeStatus.EXECUTED);
        assertThat(callsOf(text)).isEqualTo(1);
        gateway.stopEdge(other);
    }

    @Test
    void shouldEndAsOfUnknownOutcomeAndNeverRunATaskClaimedByAnInstanceThatNeverCameBack() {
        EdgeVerticle owner = gateway.deployEdge(0);
        String text = "one-" + UUID.randomUUID();
        String taskId = stateless(owner, "tools/call", new JsonObject().put("name", "demo__echo")
                .put("arguments", new JsonObject().put("text", text))).getString("taskId");
        ReviewRequest review = reviewOf(text);
        gateway.stopEdge(owner);
        // The claim the owner would have left had it died while the call ran (an edge stopped here
        // ends its running calls itself, so the claim is written as the owner writes one).
        long now = System.currentTimeMillis();
        TopicIO.write(Topics.TASKS, taskId, gateway.taskSeal().seal(taskRecord(taskId).claimed("claim-of-the-gone", 0,
                "Approved: the call is running at its server", now)), now);

        JsonObject ended = awaitStatus(alice, taskId, "completed", Duration.ofSeconds(60));
        send(verdicts.approve(review.getIntentId(), "ann"));
        stateOf(review.getIntentId(), s -> s.getStatus() == ReviewStatus.APPROVED);

        JsonObject result = alice.result("tasks/result", new JsonObject().put("taskId", taskId));
        assertThat(ended.getString("statusMessage")).startsWith("Outcome unknown");
        assertThat(result.getBoolean("isError")).isTrue();
        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).startsWith("The tool may or may not have run");
        assertThat(result.getJsonObject("_meta").getString(DISPOSITION)).isEqualTo("outcome-unknown");
        assertThat(alice.get(taskId).getString("status")).isEqualTo("completed");
        assertThat(callsOf(text)).isZero();
    }

    @Test
    void shouldAcknowledgeA2026TaskUpdateAndKnowNoTasksResult() {
        String text = "one-" + UUID.randomUUID();
        String taskId = stateless(gateway.edge(), "tools/call", new JsonObject().put("name", "demo__echo")
                .put("arguments", new JsonObject().put("text", text))).getString("taskId");

        JsonObject update = stateless(gateway.edge(), "tasks/update", new JsonObject().put("taskId", taskId).put("inputResponses", new JsonObject()));
        JsonObject result = new JsonObject(new RawMcpHttp(gateway.mcpUrl()).stateless(9, "tasks/result", withTasks(new JsonObject().put("taskId", taskId))).body());
        JsonObject cancel = stateless(gateway.edge(), "tasks/cancel", new JsonObject().put("taskId", taskId));

        assertThat(update.getString("resultType")).isEqualTo("complete");
        assertThat(result.getJsonObject("error").getInteger("code")).isEqualTo(-32601);
        assertThat(cancel.getString("resultType")).isEqualTo("complete");
        assertThat(stateless(gateway.edge(), "tasks/get", new JsonObject().put("taskId", taskId)).getString("status")).isEqualTo("cancelled");
    }

    /** A 2026-07-28 request as alice to {@code edge}, declaring the tasks extension; its result. */
    private static JsonObject stateless(EdgeVerticle edge, String method, JsonObject params) {
        JsonObject answer = new JsonObject(new RawMcpHttp("http://127.0.0.1:" + edge.port() + EdgeVerticle.MCP_PATH)
                .stateless(UUID.randomUUID().toString(), method, withTasks(params)).body());
        if (!answer.containsKey("result")) {
            throw new AssertionError(method + " failed: " + answer.encode());
        }
        return answer.getJsonObject("result");
    }

    private static JsonObject withTasks(JsonObject params) {
        return params.copy().put("_meta", new JsonObject().put("io.modelcontextprotocol/clientCapabilities",
                new JsonObject().put("extensions", new JsonObject().put(TASKS_EXTENSION, new JsonObject()))));
    }

    private static JsonObject awaitStatus(TaskSession session, String taskId, String status) {
        return awaitStatus(session, taskId, status, Duration.ofSeconds(30));
    }

    private static JsonObject awaitStatus(TaskSession session, String taskId, String status, Duration atMost) {
        await().atMost(atMost).until(() -> status.equals(session.get(taskId).getString("status")));
        return session.get(taskId);
    }

    /** The task {@code taskId} as its last record on gateway.tasks has it. */
    private static TaskRecord taskRecord(String taskId) {
        return TopicIO.readUntil(Topics.TASKS, all -> all.stream().anyMatch(r -> r.key().equals(taskId)), Duration.ofSeconds(20)).stream()
                .filter(r -> r.key().equals(taskId)).map(r -> gateway.taskSeal().open(r.value()).orElseThrow()).reduce((a, b) -> b).orElseThrow();
    }

    private static ReviewRequest reviewOf(String text) {
        Predicate<ConsumerRecord<String, ReviewRequest>> ofText = r -> r.value().getIntent().getArgumentsJson().contains(text);
        return TopicIO.readUntil(Topics.REVIEW_REQUEST, all -> all.stream().anyMatch(ofText), Duration.ofSeconds(20))
                .stream().filter(ofText).findFirst().orElseThrow().value();
    }

    private static void send(ReviewVerdict verdict) {
        TopicIO.write(Topics.REVIEW_VERDICT, "alice", verdict, System.currentTimeMillis());
    }

    private static ReviewState stateOf(String intentId, Predicate<ReviewState> wanted) {
        Predicate<ConsumerRecord<String, ReviewState>> match = r -> r.key().equals(intentId) && wanted.test(r.value());
        return TopicIO.readUntil(Topics.REVIEW_STATE, all -> all.stream().anyMatch(match), Duration.ofSeconds(20))
                .stream().filter(match).findFirst().orElseThrow().value();
    }

    /** How the call of intent {@code intentId} ended, as its outcome receipt says. */
    private static OutcomeStatus outcomeOf(String intentId) {
        Predicate<Receipt> outcome = r -> r.getIntent().getIntentId().equals(intentId) && r.getKind() == ReceiptKind.OUTCOME;
        return TopicIO.readUntil(Topics.RECEIPT, all -> all.stream().map(ConsumerRecord::value).anyMatch(outcome), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).filter(outcome).findFirst().orElseThrow().getOutcome().getStatus();
    }

    private static long callsOf(String text) {
        return gateway.callsReceived().stream().filter(line -> line.contains(text)).count();
    }
}
