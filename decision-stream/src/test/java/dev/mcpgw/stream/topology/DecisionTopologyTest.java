package dev.mcpgw.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.CheckpointCheck;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.AgentIdentity;
import dev.mcpgw.schemas.CallOutcome;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.DecisionAuthenticator;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Outcome;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.stream.errors.StreamErrorHandlers;
import dev.mcpgw.stream.processor.PolledOffsets;
import dev.mcpgw.testsupport.SampleIntents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecisionTopologyTest {
    static final String POLICY = """
            version: test
            default: deny
            rules:
              - {id: echo-ok, effect: allow, tools: [echo]}
              - {id: pay-needs-human, effect: review, tools: [pay]}
              - {id: no-secrets, effect: deny, scan: [secrets]}
              - {id: add-limited, effect: allow, tools: [add], rateLimit: {requests: 5, window: 1m}}
              - id: platform-from-the-office
                effect: allow
                tools: [restart]
                condition:
                  all:
                    - {field: agent.attributes.team, operator: eq, value: platform}
                    - {field: context.sourceIp, operator: startsWith, value: "10."}
            """;

    private static final SigningKey KEY = SigningKey.generate();
    private static final DecisionAuthenticator AUTHENTICATOR = new DecisionAuthenticator(SecretKeyFile.random());
    /** What the topology reported as dead letters: "topic/offset reason". */
    private final List<String> deadLetters = new ArrayList<>();
    private final List<String> policyStatuses = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> rawPropose;
    private TestInputTopic<String, byte[]> rawPolicy;
    private TestInputTopic<String, Intent> propose;
    private TestInputTopic<String, PolicyDocument> policy;
    private TestInputTopic<String, Outcome> outcomes;
    private TestOutputTopic<String, Decision> decide;
    private TestOutputTopic<String, Receipt> receipts;
    private TestOutputTopic<String, ReviewRequest> reviews;
    private TestOutputTopic<String, Checkpoint> checkpoints;

    @BeforeEach
    void startDriver() {
        startDriver(false);
    }

    private void startDriver(boolean onePartition) {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterReporter reporter = (component, topic, partition, offset, value, reason) -> deadLetters.add(topic + "/" + offset + " " + reason);
        DecisionTopology.build(builder, new ChainSettings(KEY, 3, Duration.ofHours(1)), onePartition, AUTHENTICATOR,
                new dev.mcpgw.schemas.VerdictAuthenticator(SecretKeyFile.random()), reporter,
                (offset, version, problems) -> policyStatuses.add(offset + " " + version + " " + (problems.isEmpty() ? "active" : problems)), new PolledOffsets());
        Properties props = new Properties();
        StreamErrorHandlers.configure(props, reporter);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        propose = input(Topics.PROPOSE);
        rawPropose = driver.createInputTopic(Topics.PROPOSE.name(), new StringSerializer(), new ByteArraySerializer());
        rawPolicy = driver.createInputTopic(Topics.POLICY.name(), new StringSerializer(), new ByteArraySerializer());
        policy = input(Topics.POLICY);
        outcomes = input(Topics.OUTCOME);
        decide = output(Topics.DECIDE);
        receipts = output(Topics.RECEIPT);
        reviews = output(Topics.REVIEW_REQUEST);
        checkpoints = output(Topics.CHECKPOINT);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldAllowAndReceiptAnIntentThatARuleAllows() {
        // given
        publishPolicy(POLICY);
        // when
        propose.pipeInput("agent-a", intent("i-1", "echo"), Instant.ofEpochMilli(1000));
        // then
        Decision decision = decide.readValue();
        assertThat(decision.getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(decision.getMatchedRules()).containsExactly("echo-ok");
        Receipt receipt = receipts.readValue();
        assertThat(receipt.getIntent().getIntentId()).isEqualTo("i-1");
        assertThat(receipt.getHash()).isEqualTo(decision.getReceipt().getHash());
        assertThat(receipt.getTime()).isEqualTo(1000);
    }

    @Test
    void shouldDenyEverythingWhenNoPolicyIsActive() {
        propose.pipeInput("agent-a", intent("i-1", "echo"));

        Decision decision = decide.readValue();
        assertThat(decision.getEffect()).isEqualTo(Effect.DENY);
        assertThat(decision.getReasons()).singleElement().asString().contains("no valid policy is active");
    }

    @Test
    void shouldKeepTheLastGoodPolicyWhenAnInvalidOneIsPublished() {
        publishPolicy(POLICY);
        String goodVersion = decideOne("i-1", "echo").getPolicyVersion();

        policy.pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("bad", "rules: [{id: x, effect: perhaps}]", 0L));
        Decision decision = decideOne("i-2", "echo");

        assertThat(decision.getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(decision.getPolicyVersion()).isEqualTo(goodVersion);
    }

    @Test
    void shouldReportEachPolicyDocumentActiveOrRefusedWithItsProblemsByItsOffset() {
        policy.pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("good", POLICY, 0L));
        policy.pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("bad", "rules: [{id: x, effect: perhaps}]", 0L));

        assertThat(policyStatuses).containsExactly("0 good active",
                "1 bad [line 1, column 17: rules[0].effect: unknown effect 'perhaps' (allow, deny or review)]");
    }

    @Test
    void shouldSendReviewDecisionsToTheReviewQueue() {
        publishPolicy(POLICY);

        propose.pipeInput("agent-a", intent("i-9", "pay"));

        assertThat(decide.readValue().getEffect()).isEqualTo(Effect.REVIEW);
        assertThat(reviews.readKeyValue().key).isEqualTo("i-9");
        assertThat(reviews.isEmpty()).isTrue();
    }

    @Test
    void shouldChainEveryReceiptSoTheChainVerifies() {
        publishPolicy(POLICY);
        for (int i = 0; i < 5; i++) {
            propose.pipeInput("agent-a", intent("i-" + i, i % 2 == 0 ? "echo" : "rm"));
        }

        List<Receipt> chained = receipts.readValuesToList();
        ChainVerifier verifier = new ChainVerifier(new ReceiptHasher(), KeyRing.of(KEY.publicKey()));
        chained.forEach(r -> assertThat(verifier.accept(r)).isEmpty());
        assertThat(chained).extracting(Receipt::getSequence).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void shouldGiveTheSameReceiptHashesWhenTheSameHistoryIsReplayed() {
        publishPolicy(POLICY);
        propose.pipeInput("agent-a", intent("i-1", "echo"), Instant.ofEpochMilli(5));
        propose.pipeInput("agent-a", intent("i-2", "rm"), Instant.ofEpochMilli(6));
        List<String> first = receipts.readValuesToList().stream().map(Receipt::getHash).toList();

        closeDriver();
        startDriver();
        publishPolicy(POLICY);
        propose.pipeInput("agent-a", intent("i-1", "echo"), Instant.ofEpochMilli(5));
        propose.pipeInput("agent-a", intent("i-2", "rm"), Instant.ofEpochMilli(6));

        assertThat(receipts.readValuesToList().stream().map(Receipt::getHash).toList()).isEqualTo(first);
    }

    @Test
    void shouldRedactWhatADetectorFlaggedFromTheReceiptAndStillChainIt() {
        publishPolicy(POLICY);

        propose.pipeInput("agent-a", SampleIntents.intent().setIntentId("i-s").setTool("echo")
                .setArgumentsJson("{\"note\":\"hi\",\"text\":\"key AKIAIOSFODNN7EXAMPLE\"}").build());

        Decision decision = decide.readValue();
        assertThat(decision.getEffect()).isEqualTo(Effect.DENY);
        assertThat(decision.getReasons()).anySatisfy(r -> assertThat(r).contains("secrets/aws-access-key in arguments/text"));
        Receipt receipt = receipts.readValue();
        assertThat(receipt.getIntent().getArgumentsJson()).isEqualTo("{\"note\":\"hi\",\"text\":\"[redacted by the gateway]\"}");
        assertThat(new ChainVerifier(new ReceiptHasher(), KeyRing.of(KEY.publicKey())).accept(receipt)).isEmpty();
    }

    @Test
    void shouldSweepRateCountersOfWindowsLongOverInEventTime() {
        publishPolicy(POLICY);
        propose.pipeInput("agent-a", SampleIntents.intent().setIntentId("i-a").setTool("add").setEventTime(60_000).build());
        KeyValueStore<String, Long> counters = driver.getKeyValueStore(StoreNames.RATE_COUNTS);
        String counter = String.format("%019d", 120_000) + "|add-limited|agent-a";
        assertThat(counters.get(counter)).isEqualTo(1L);

        propose.pipeInput("agent-a", SampleIntents.intent().setIntentId("i-b").setEventTime(60_000 + Duration.ofHours(2).toMillis()).build());

        assertThat(counters.get(counter)).isNull();
    }

    @Test
    void shouldDecideOnTheAgentsAttributesAndTheRequestContextTheIntentCarries() {
        publishPolicy(POLICY);
        Intent.Builder restart = SampleIntents.intent().setTool("restart")
                .setAgent(AgentIdentity.newBuilder(SampleIntents.agent("agent-a")).setAttributes(Map.of("team", "platform")).build());

        propose.pipeInput("agent-a", restart.setIntentId("i-office").setContext(Map.of("sourceIp", "10.0.0.7")).build());
        propose.pipeInput("agent-a", restart.setIntentId("i-cafe").setContext(Map.of("sourceIp", "192.0.2.1")).build());

        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.ALLOW, Effect.DENY);
    }

    @Test
    void shouldCountARateLimitAcrossAgentsWhenEveryIntentIsDecidedOnOnePartition() {
        closeDriver();
        startDriver(true);
        publishPolicy("""
                default: deny
                rules:
                  - {id: two-echoes-for-all, effect: allow, tools: [echo], rateLimit: {requests: 2, window: 1h, per: global}}
                """);

        for (String agent : List.of("agent-a", "agent-b", "agent-c")) {
            propose.pipeInput(agent, SampleIntents.intent().setIntentId("i-" + agent).setAgent(SampleIntents.agent(agent)).build());
        }

        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.ALLOW, Effect.ALLOW, Effect.DENY);
    }

    @Test
    void shouldKeepTheLastGoodPolicyWhenOneCountsAcrossAgentsOnSeveralPartitions() {
        publishPolicy(POLICY);
        publishPolicy("default: allow\nrules:\n  - {id: g, effect: allow, rateLimit: {requests: 1, window: 1h, per: global}}\n");

        assertThat(decideOne("i-1", "rm").getEffect()).isEqualTo(Effect.DENY);
    }

    @Test
    void shouldSignACheckpointOfTheChainHeadEveryNReceipts() {
        publishPolicy(POLICY);
        for (int i = 0; i < 7; i++) {
            propose.pipeInput("agent-a", intent("i-" + i, "echo"));
        }
        List<Receipt> chained = receipts.readValuesToList();

        List<Checkpoint> signed = checkpoints.readValuesToList();

        assertThat(signed).extracting(Checkpoint::getCount).containsExactly(3L, 6L);
        assertThat(signed.get(1).getHeadHash()).isEqualTo(chained.get(5).getHash());
        CheckpointCheck check = new CheckpointCheck(signed, KeyRing.of(KEY.publicKey()));
        ChainVerifier verifier = new ChainVerifier(new ReceiptHasher(), KeyRing.of(KEY.publicKey()));
        chained.forEach(r -> {
            assertThat(verifier.accept(r)).isEmpty();
            check.observe(r);
        });
        assertThat(check.finish(verifier.heads())).isEmpty();
    }

    @Test
    void shouldChainTheOutcomeOfAnAllowedCallAfterItsDecisionAndLinkToIt() {
        publishPolicy(POLICY);
        Intent intent = intent("i-1", "echo");
        propose.pipeInput("agent-a", intent, Instant.ofEpochMilli(1000));
        Decision decision = decide.readValue();
        CallOutcome ended = new CallOutcome(OutcomeStatus.EXECUTED, decision.getReceipt(), 1042L, 42L, "ab12", null, List.of());

        outcomes.pipeInput("agent-a", new Outcome(intent, decision, ended), Instant.ofEpochMilli(1042));

        List<Receipt> chained = receipts.readValuesToList();
        assertThat(chained).extracting(Receipt::getKind).containsExactly(ReceiptKind.DECISION, ReceiptKind.OUTCOME);
        Receipt outcome = chained.get(1);
        assertThat(outcome.getOutcome()).isEqualTo(ended);
        assertThat(outcome.getOutcome().getDecisionReceipt().getHash()).isEqualTo(chained.get(0).getHash());
        assertThat(outcome.getPreviousHash()).isEqualTo(chained.get(0).getHash());
        assertThat(outcome.getTime()).isEqualTo(1042L);
        assertThat(outcome.getMatchedRules()).containsExactly("echo-ok");
        ChainVerifier verifier = new ChainVerifier(new ReceiptHasher(), KeyRing.of(KEY.publicKey()));
        chained.forEach(r -> assertThat(verifier.accept(r)).isEmpty());
    }

    @Test
    void shouldNotAnswerAnEdgeOrQueueAReviewForAnOutcome() {
        publishPolicy(POLICY);
        Intent intent = intent("i-1", "echo");
        propose.pipeInput("agent-a", intent);
        Decision decision = decide.readValue();

        outcomes.pipeInput("agent-a", new Outcome(intent, decision,
                new CallOutcome(OutcomeStatus.FAILED, decision.getReceipt(), 2000L, 5L, null, "-32603 boom", List.of())));

        assertThat(receipts.readValuesToList()).hasSize(2);
        assertThat(decide.isEmpty()).isTrue();
        assertThat(reviews.isEmpty()).isTrue();
    }

    @Test
    void shouldDenyAnIntentWhoseArgumentsCannotBeReadAndWithholdThemFromTheReceipt() {
        publishPolicy(POLICY);

        propose.pipeInput("agent-a", SampleIntents.intent().setIntentId("i-bad").setArgumentsJson("{\"a\": AKIAIOSFODNN7EXAMPLE").build());

        assertThat(decide.readValue().getEffect()).isEqualTo(Effect.DENY);
        Receipt receipt = receipts.readValue();
        assertThat(receipt.getIntent().getArgumentsJson()).isEqualTo("\"[redacted by the gateway]\"");
        assertThat(receipt.getReasons()).singleElement().asString().doesNotContain("AKIA");
    }

    @Test
    void shouldWithholdTheArgumentsFromTheReceiptWhenNoPolicyIsActive() {
        propose.pipeInput("agent-a", SampleIntents.intent().setIntentId("i-1").setArgumentsJson("{\"k\":\"AKIAIOSFODNN7EXAMPLE\"}").build());

        assertThat(receipts.readValue().getIntent().getArgumentsJson()).doesNotContain("AKIA");
    }

    @Test
    void shouldReportAGarbageProposeRecordAsADeadLetterAndDecideTheNextIntent() {
        publishPolicy(POLICY);

        rawPropose.pipeInput("agent-x", new byte[] {(byte) 0xff, 0x13, 0x00, 0x7f});
        Decision next = decideOne("i-after", "echo");

        assertThat(next.getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(deadLetters).singleElement().asString().startsWith("gateway.propose/0 unreadable");
    }

    @Test
    void shouldReportARecordOfAnotherSchemaOnProposeAsADeadLetterAndDecideTheNextIntent() {
        publishPolicy(POLICY);
        Decision notAnIntent = decideOne("i-1", "echo");

        rawPropose.pipeInput("agent-x", Topics.DECIDE.valueSerde().serializer().serialize(Topics.PROPOSE.name(), notAnIntent));

        assertThat(decideOne("i-after", "echo").getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(deadLetters).singleElement().asString().startsWith("gateway.propose/1 unreadable");
    }

    @Test
    void shouldReportATombstoneOnProposeAsADeadLetterAndDecideTheNextIntent() {
        publishPolicy(POLICY);

        rawPropose.pipeInput("agent-x", (byte[]) null);

        assertThat(decideOne("i-after", "echo").getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(deadLetters).singleElement().asString().startsWith("gateway.propose/0 tombstone");
    }

    @Test
    void shouldKeepTheLastGoodPolicyAndReportAnUnreadablePolicyRecord() {
        publishPolicy(POLICY);
        decideOne("i-1", "echo");

        rawPolicy.pipeInput(Topics.ACTIVE_POLICY_KEY, "not avro at all".getBytes(StandardCharsets.UTF_8));

        assertThat(decideOne("i-2", "echo").getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(deadLetters).singleElement().asString().startsWith("gateway.policy/1 unreadable");
    }

    @Test
    void shouldKeepThePolicyInForceAndReportItWhenTheActivePolicyRecordIsDeleted() {
        publishPolicy(POLICY);
        decideOne("i-1", "echo");

        rawPolicy.pipeInput(Topics.ACTIVE_POLICY_KEY, (byte[]) null);

        assertThat(decideOne("i-2", "echo").getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(deadLetters).singleElement().asString().startsWith("gateway.policy/1 tombstone");
    }

    @Test
    void shouldKeepThePolicyInForceWhenAPolicyFailsToLoadInAnUnexpectedWay() {
        publishPolicy(POLICY);
        decideOne("i-1", "echo");

        publishPolicy("default: allow\nrules:\n  - {id: r, effect: allow, rateLimit: {requests: 1, window: 99999999999999999d}}\n");

        assertThat(decideOne("i-2", "rm").getEffect()).isEqualTo(Effect.DENY);
        assertThat(deadLetters).singleElement().asString().startsWith("gateway.policy/1").contains("does not load");
    }

    @Test
    void shouldAuthenticateEveryDecisionForTheEdgeOverItsFields() {
        publishPolicy(POLICY);

        Decision decision = decideOne("i-1", "rm");

        assertThat(AUTHENTICATOR.verify(decision)).isTrue();
        assertThat(AUTHENTICATOR.verify(Decision.newBuilder(decision).setEffect(Effect.ALLOW).build())).isFalse();
        assertThat(AUTHENTICATOR.verify(Decision.newBuilder(decision).setIntentId("i-other").build())).isFalse();
        assertThat(new DecisionAuthenticator(SecretKeyFile.random()).verify(decision)).isFalse();
    }

    @Test
    void shouldBuildTheOutcomeReceiptFromTheRedactedDecisionReceiptNotFromWhatTheEdgeSent() {
        publishPolicy("default: allow\nrules:\n  - {id: note-secrets, effect: allow, scan: [secrets]}\n");
        Intent intent = SampleIntents.intent().setIntentId("i-s").setArgumentsJson("{\"text\":\"AKIAIOSFODNN7EXAMPLE\"}").build();
        propose.pipeInput("agent-a", intent);
        Decision decision = decide.readValue();

        outcomes.pipeInput("agent-a", new Outcome(intent, decision,
                new CallOutcome(OutcomeStatus.CANCELLED, decision.getReceipt(), 2000L, 0L, null, "withdrawn", List.of())));

        List<Receipt> chained = receipts.readValuesToList();
        assertThat(chained).extracting(Receipt::getKind).containsExactly(ReceiptKind.DECISION, ReceiptKind.OUTCOME);
        assertThat(chained).allSatisfy(r -> assertThat(r.getIntent().getArgumentsJson()).doesNotContain("AKIA"));
    }

    @Test
    void shouldRedactACredentialInAnOutcomesErrorTextFromItsReceipt() {
        publishPolicy(POLICY);
        Intent intent = intent("i-1", "echo");
        propose.pipeInput("agent-a", intent);
        Decision decision = decide.readValue();
        CallOutcome ended = new CallOutcome(OutcomeStatus.FAILED, decision.getReceipt(), 2000L, 5L, "ab12",
                "tool error: key AKIAIOSFODNN7EXAMPLE refused", List.of());

        outcomes.pipeInput("agent-a", new Outcome(intent, decision, ended));

        Receipt outcome = receipts.readValuesToList().get(1);
        assertThat(outcome.getOutcome().getError()).isEqualTo("tool error: key [redacted by the gateway] refused");
        assertThat(CallOutcome.newBuilder(outcome.getOutcome()).setError(ended.getError()).build()).isEqualTo(ended);
    }

    @Test
    void shouldRefuseAnOutcomeThatNamesNoDecisionReceipt() {
        publishPolicy(POLICY);
        Intent intent = intent("i-1", "echo");
        propose.pipeInput("agent-a", intent);
        Decision decision = decide.readValue();
        receipts.readValuesToList();

        outcomes.pipeInput("agent-a", new Outcome(intent, decision, new CallOutcome(OutcomeStatus.EXECUTED,
                new ReceiptRef(decision.getReceipt().getChain(), 99L, decision.getReceipt().getHash()), 2000L, 5L, null, null, List.of())));

        assertThat(receipts.isEmpty()).isTrue();
        assertThat(deadLetters).singleElement().asString().startsWith("gateway.outcome/0 outcome refused");
    }

    @Test
    void shouldRefuseAnExecutedOutcomeOfADeniedCall() {
        publishPolicy(POLICY);
        Intent intent = intent("i-1", "rm");
        propose.pipeInput("agent-a", intent);
        Decision decision = decide.readValue();
        receipts.readValuesToList();

        outcomes.pipeInput("agent-a", new Outcome(intent, decision,
                new CallOutcome(OutcomeStatus.EXECUTED, decision.getReceipt(), 2000L, 5L, null, null, List.of())));

        assertThat(receipts.isEmpty()).isTrue();
        assertThat(deadLetters).singleElement().asString().contains("outcome refused");
    }

    @Test
    void shouldRefuseASecondOutcomeOfTheSameDecisionAndAnOutcomeOfAnotherIntent() {
        publishPolicy(POLICY);
        Intent intent = intent("i-1", "echo");
        propose.pipeInput("agent-a", intent);
        Decision decision = decide.readValue();
        CallOutcome ended = new CallOutcome(OutcomeStatus.EXECUTED, decision.getReceipt(), 2000L, 5L, null, null, List.of());

        outcomes.pipeInput("agent-a", new Outcome(intent("i-other", "echo"), decision, ended));
        outcomes.pipeInput("agent-a", new Outcome(intent, decision, ended));
        outcomes.pipeInput("agent-a", new Outcome(intent, decision, ended));

        assertThat(receipts.readValuesToList()).extracting(Receipt::getKind).containsExactly(ReceiptKind.DECISION, ReceiptKind.OUTCOME);
        assertThat(deadLetters).hasSize(2);
    }

    @Test
    void shouldRefuseAnOutcomeLaterThanTheOutcomeWindow() {
        publishPolicy(POLICY);
        Intent intent = SampleIntents.intent().setIntentId("i-1").setTool("echo").setEventTime(1000).build();
        propose.pipeInput("agent-a", intent, Instant.ofEpochMilli(1000));
        Decision decision = decide.readValue();
        long late = 1000 + ChainSettings.OUTCOME_WINDOW.toMillis() + Duration.ofMinutes(5).toMillis();
        propose.pipeInput("agent-a", SampleIntents.intent().setIntentId("i-2").setTool("echo").setEventTime(late).build(), Instant.ofEpochMilli(late));

        outcomes.pipeInput("agent-a", new Outcome(intent, decision,
                new CallOutcome(OutcomeStatus.EXECUTED, decision.getReceipt(), late, 5L, null, null, List.of())), Instant.ofEpochMilli(late));

        assertThat(receipts.readValuesToList()).extracting(Receipt::getKind).containsExactly(ReceiptKind.DECISION, ReceiptKind.DECISION);
        assertThat(deadLetters).singleElement().asString().contains("outcome refused");
    }

    private Decision decideOne(String id, String tool) {
        propose.pipeInput("agent-a", intent(id, tool));
        return decide.readValue();
    }

    private void publishPolicy(String source) {
        policy.pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("ignored-by-stream", source, 0L));
    }

    static Intent intent(String id, String tool) {
        return SampleIntents.intent().setIntentId(id).setTool(tool).build();
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }
}
