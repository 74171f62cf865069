package dev.mcpgw.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.DecisionAuthenticator;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.IntentMode;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewState;
import dev.mcpgw.schemas.ReviewStatus;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.schemas.SepRules;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.stream.errors.StreamErrorHandlers;
import dev.mcpgw.stream.processor.PolledOffsets;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.SealedVerdicts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Human review in the decision topology: requests, verdicts, deadlines and policy changes, as receipts and decisions. */
class ReviewTopologyTest {
    /** pay needs two approvals from alice, bob or the finance group within 10 minutes; wire needs one from anyone (defaults). */
    static final String POLICY = """
            {"id": "reviews", "name": "reviews", "version": "1.0.0", "defaultEffect": "deny", "rules": [
              {"id": "pay-needs-two", "effect": "require_approval",
               "condition": {"field": "action.type", "operator": "eq", "value": "mcp.pay"},
               "approvalConfig": {"approvers": [{"type": "user", "id": "alice"}, {"type": "user", "id": "bob"},
                                                {"type": "group", "id": "finance"}],
                                  "expiresIn": "10m", "requiredApprovals": 2}},
              {"id": "echo-ok", "effect": "allow", "condition": {"field": "action.type", "operator": "eq", "value": "mcp.echo"}}
            ]}
            """;
    /** A native review rule letting the calling client's own user approve a pay through elicitation. */
    static final String ASKS_THE_CLIENT_USER = """
            {"version": "asks", "default": "deny", "rules": [
              {"id": "pay-asks-the-user", "effect": "review", "tools": ["pay"], "approval": {"askClientUser": true}}
            ]}
            """;
    static final String PAY_DENIED = """
            {"id": "reviews", "name": "reviews", "version": "1.0.1", "defaultEffect": "deny", "rules": [
              {"id": "pay-stopped", "effect": "deny", "condition": {"field": "action.type", "operator": "eq", "value": "mcp.pay"}}
            ]}
            """;
    static final String PAY_ALLOWED = PAY_DENIED.replace("\"effect\": \"deny\", \"condition\"", "\"effect\": \"allow\", \"condition\"");
    static final long EVENT_TIME = 1_000;
    static final long DEADLINE = EVENT_TIME + Duration.ofMinutes(10).toMillis();

    private static final SigningKey KEY = SigningKey.generate();
    private static final DecisionAuthenticator DECISIONS = new DecisionAuthenticator(SecretKeyFile.random());
    private static final VerdictAuthenticator VERDICT_KEY = new VerdictAuthenticator(SecretKeyFile.random());
    private static final SealedVerdicts VERDICTS = new SealedVerdicts(VERDICT_KEY);

    private final List<String> deadLetters = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, Intent> propose;
    private TestInputTopic<String, PolicyDocument> policy;
    private TestInputTopic<String, ReviewVerdict> verdicts;
    private TestInputTopic<String, byte[]> rawVerdicts;
    private TestInputTopic<Integer, Long> clock;
    private TestOutputTopic<String, Decision> decide;
    private TestOutputTopic<String, Receipt> receipts;
    private TestOutputTopic<String, ReviewRequest> requests;
    private TestOutputTopic<String, ReviewState> states;
    private TestOutputTopic<Integer, Long> ticks;

    @BeforeEach
    void startDriver() {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterReporter reporter = (component, topic, partition, offset, value, reason) -> deadLetters.add(topic + " " + reason);
        DecisionTopology.build(builder, new ChainSettings(KEY, 1000, Duration.ofHours(1)), false, DECISIONS, VERDICT_KEY, reporter,
                (offset, version, problems) -> { }, new PolledOffsets());
        Properties props = new Properties();
        StreamErrorHandlers.configure(props, reporter);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "review-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        propose = input(Topics.PROPOSE);
        policy = input(Topics.POLICY);
        verdicts = input(Topics.REVIEW_VERDICT);
        rawVerdicts = driver.createInputTopic(Topics.REVIEW_VERDICT.name(), new StringSerializer(), new ByteArraySerializer());
        clock = input(Topics.REVIEW_CLOCK);
        decide = output(Topics.DECIDE);
        receipts = output(Topics.RECEIPT);
        requests = output(Topics.REVIEW_REQUEST);
        states = output(Topics.REVIEW_STATE);
        ticks = output(Topics.REVIEW_CLOCK);
        policy.pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("v", POLICY, 0L));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldOpenAReviewWithTheRuleApprovalSettingsItsDeadlineAndTheArgumentsDigest() throws Exception {
        proposePay("i-1");

        Decision review = decide.readValue();
        assertThat(review.getEffect()).isEqualTo(Effect.REVIEW);
        ReviewRequest request = requests.readValue();
        assertThat(request.getIntentId()).isEqualTo("i-1");
        assertThat(request.getReceipt()).isEqualTo(review.getReceipt());
        assertThat(request.getApproval().getRequiredApprovals()).isEqualTo(2);
        assertThat(request.getApproval().getApprovers()).containsExactly("alice", "bob", "group:finance");
        assertThat(request.getApproval().getExpiresInMs()).isEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(request.getDeadline()).isEqualTo(DEADLINE);
        assertThat(request.getArgumentsDigest()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest("{\"amount\":5000}".getBytes(StandardCharsets.UTF_8))));
        ReviewState state = states.readValue();
        assertThat(state.getStatus()).isEqualTo(ReviewStatus.PENDING);
        assertThat(state.getRequest()).isEqualTo(request);
    }

    @Test
    void shouldTellTheAskingEdgeTheReviewsDeadlineWithItsReviewDecisionAndSealIt() {
        proposePay("i-1");

        Decision review = decide.readValue();

        assertThat(review.getReviewDeadline()).isEqualTo(DEADLINE);
        assertThat(DECISIONS.verify(review)).isTrue();
        assertThat(DECISIONS.verify(Decision.newBuilder(review).setReviewDeadline(DEADLINE + 1).build())).isFalse();
    }

    @Test
    void shouldGrantAnApprovedProposalItsSingleUseAuthorizationFromTheApprovalOn() {
        propose.pipeInput("agent-a", SampleIntents.intent().setIntentId("p-1").setEventTime(EVENT_TIME).setTool("pay")
                .setArgumentsJson("{\"amount\":5000}").setMode(IntentMode.SEP).setAuthorizationTtlMs(60_000L).build(),
                Instant.ofEpochMilli(EVENT_TIME));
        verdict(VERDICTS.approve("p-1", "alice"), 2_000);
        verdict(VERDICTS.approve("p-1", "bob"), 3_000);
        decide.readValuesToList();

        propose.pipeInput("agent-a", SampleIntents.intent().setIntentId("c-1").setEventTime(3_000 + 60_000).setTool("pay")
                .setArgumentsJson("{\"amount\":5000}").setRedeems("p-1").build(), Instant.ofEpochMilli(3_000 + 60_000));

        Decision call = decide.readValue();
        assertThat(call.getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(call.getMatchedRules()).startsWith(SepRules.REDEEMED);
    }

    @Test
    void shouldAllowTheCallOnceTheRequiredApprovalsOfDistinctApproversCame() {
        proposePay("i-1");
        Decision review = decide.readValue();

        verdict(VERDICTS.approve("i-1", "alice"), 2_000);
        assertThat(decide.isEmpty()).as("one approval of two decides nothing").isTrue();
        verdict(VERDICTS.approve("i-1", "bob"), 3_000);

        Decision allowed = decide.readValue();
        assertThat(allowed.getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(allowed.getIntentId()).isEqualTo("i-1");
        assertThat(allowed.getReplyTo()).isEqualTo(review.getReplyTo());
        assertThat(DECISIONS.verify(allowed)).isTrue();
        List<Receipt> chain = verifiedChain();
        assertThat(chain).extracting(Receipt::getKind)
                .containsExactly(ReceiptKind.DECISION, ReceiptKind.VERDICT, ReceiptKind.VERDICT, ReceiptKind.DECISION);
        Receipt last = chain.get(3);
        assertThat(last.getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(last.getReview().getReviewReceipt()).isEqualTo(review.getReceipt());
        assertThat(last.getReview().getStatus()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(last.getReview().getVotes()).containsExactly(reference(chain.get(1)), reference(chain.get(2)));
        assertThat(last.getReasons()).containsExactly("approved by alice (web), bob (web)");
        assertThat(chain.get(2).getReview().getVerdict().getApprover()).isEqualTo("bob");
        assertThat(chain.get(2).getReview().getApplied()).isTrue();
        ReviewState state = lastState();
        assertThat(state.getStatus()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(state.getFinalReceipt()).isEqualTo(allowed.getReceipt());
        assertThat(state.getVotes()).extracting(v -> v.getReceipt()).containsExactly(reference(chain.get(1)), reference(chain.get(2)));
    }

    @Test
    void shouldCountAnApproverOfTheRuleGroup() {
        proposePay("i-1");
        verdict(VERDICTS.approve("i-1", "alice"), 2_000);
        verdict(VERDICTS.seal(SealedVerdicts.unsealed("i-1", "carol", true).setApproverGroups(List.of("finance")).build()), 3_000);

        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.REVIEW, Effect.ALLOW);
    }

    @Test
    void shouldDenyOnOneDenialAfterAnApprovalAndRefuseWhatComesAfter() {
        proposePay("i-1");
        verdict(VERDICTS.approve("i-1", "alice"), 2_000);
        verdict(VERDICTS.deny("i-1", "bob"), 3_000);
        verdict(VERDICTS.seal(SealedVerdicts.unsealed("i-1", "carol", true).setApproverGroups(List.of("finance")).build()), 4_000);

        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.REVIEW, Effect.DENY);
        List<Receipt> chain = verifiedChain();
        assertThat(chain.get(3).getReasons()).containsExactly("denied by bob (web)");
        assertThat(chain.get(4).getKind()).isEqualTo(ReceiptKind.VERDICT);
        assertThat(chain.get(4).getReview().getApplied()).isFalse();
        assertThat(chain.get(4).getReasons()).containsExactly("verdict refused: the review had already ended (denied)");
        assertThat(lastState().getStatus()).isEqualTo(ReviewStatus.DENIED);
    }

    @Test
    void shouldRefuseAndRecordAVerdictOfAnApproverNotOnTheRuleListOrOfTheCallingAgent() {
        proposePay("i-1");
        verdict(VERDICTS.approve("i-1", "mallory"), 2_000);
        verdict(VERDICTS.approve("i-1", "agent-a"), 3_000);

        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.REVIEW);
        List<Receipt> chain = verifiedChain();
        assertThat(chain.subList(1, 3)).allSatisfy(r -> {
            assertThat(r.getKind()).isEqualTo(ReceiptKind.VERDICT);
            assertThat(r.getReview().getApplied()).isFalse();
        });
        assertThat(chain.get(1).getReasons()).containsExactly("verdict refused: mallory may not approve this call");
        assertThat(lastState().getVotes()).isEmpty();
    }

    @Test
    void shouldApplyTheCallingClientsUserVerdictThroughElicitationWhereTheRuleAllowsIt() {
        policy.pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("v", ASKS_THE_CLIENT_USER, 0L));
        proposePay("i-1");
        Decision review = decide.readValue();
        assertThat(review.getAskCallingUser()).isTrue();
        assertThat(DECISIONS.verify(Decision.newBuilder(review).setAskCallingUser(null).build())).isFalse();
        assertThat(requests.readValue().getApproval().getAskCallingUser()).isTrue();

        verdict(elicited("i-1", "client-user:agent-a"), 2_000);

        assertThat(decide.readValue().getEffect()).isEqualTo(Effect.ALLOW);
        List<Receipt> chain = verifiedChain();
        Receipt vote = chain.get(1);
        assertThat(vote.getKind()).isEqualTo(ReceiptKind.VERDICT);
        assertThat(vote.getReview().getApplied()).isTrue();
        assertThat(vote.getReview().getVerdict().getChannel()).isEqualTo("elicitation");
        assertThat(chain.get(2).getReasons()).containsExactly("approved by client-user:agent-a (elicitation)");
    }

    @Test
    void shouldRefuseAndRecordAnElicitedVerdictWhereTheRuleDoesNotAllowItOrOfAnotherIdentity() {
        proposePay("i-1");
        assertThat(decide.readValue().getAskCallingUser()).isNull();
        verdict(elicited("i-1", "client-user:agent-a"), 2_000);
        verdict(VERDICTS.approve("i-1", "client-user:agent-a"), 2_500);
        policy.pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("v", ASKS_THE_CLIENT_USER, 0L));
        proposePay("i-2");
        verdict(elicited("i-2", "alice"), 3_000);

        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.REVIEW);
        List<Receipt> chain = verifiedChain();
        assertThat(chain).extracting(Receipt::getKind).containsExactly(ReceiptKind.DECISION, ReceiptKind.VERDICT, ReceiptKind.VERDICT,
                ReceiptKind.DECISION, ReceiptKind.VERDICT);
        assertThat(List.of(chain.get(1), chain.get(2), chain.get(4))).allSatisfy(r -> assertThat(r.getReview().getApplied()).isFalse());
        assertThat(chain.get(1).getReasons()).containsExactly("verdict refused: client-user:agent-a may not approve this call"
                + " (its rule does not let the calling client's user approve)");
        assertThat(chain.get(1).getReview().getVerdict().getChannel()).isEqualTo("elicitation");
        assertThat(chain.get(2).getReasons()).containsExactly("verdict refused: client-user:agent-a may not approve this call");
        assertThat(chain.get(4).getReasons()).containsExactly("verdict refused: alice may not approve this call");
    }

    @Test
    void shouldCountOneApproverOnceAndApplyAVerdictIdOnce() {
        proposePay("i-1");
        ReviewVerdict alice = VERDICTS.approve("i-1", "alice");
        verdict(alice, 2_000);
        verdict(alice, 2_500);
        verdict(VERDICTS.approve("i-1", "alice"), 3_000);

        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.REVIEW);
        List<Receipt> chain = verifiedChain();
        assertThat(chain).hasSize(3);
        assertThat(chain.get(2).getReasons()).containsExactly("verdict refused: alice has already given a verdict on this call");
        assertThat(deadLetters).containsExactly(Topics.REVIEW_VERDICT.name() + " verdict refused: its id was seen before");
    }

    @Test
    void shouldIgnoreAForgedOrAlteredVerdictAndReportIt() {
        proposePay("i-1");
        verdict(new SealedVerdicts(new VerdictAuthenticator(SecretKeyFile.random())).approve("i-1", "alice"), 2_000);
        verdict(ReviewVerdict.newBuilder(VERDICTS.deny("i-1", "alice")).setApproved(true).build(), 2_100);
        verdict(SealedVerdicts.unsealed("i-1", "bob", true).build(), 2_200);

        assertThat(verifiedChain()).hasSize(1);
        assertThat(deadLetters).hasSize(3).allSatisfy(d -> assertThat(d).endsWith("forged verdict: its authenticator does not verify"));
        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.REVIEW);
    }

    @Test
    void shouldReportAVerdictForAnIntentNoReviewHolds() {
        propose.pipeInput("agent-a", SampleIntents.intent().setIntentId("i-2").setTool("echo").build(), Instant.ofEpochMilli(EVENT_TIME));
        verdict(VERDICTS.approve("i-2", "alice"), 2_000);
        verdict(VERDICTS.approve("no-such-intent", "alice"), 2_100);

        assertThat(verifiedChain()).hasSize(1);
        assertThat(deadLetters).hasSize(2).allSatisfy(d -> assertThat(d).endsWith("it names no review this chain holds"));
    }

    @Test
    void shouldPassOverGarbageTombstonesAndOversizedVerdicts() {
        proposePay("i-1");
        rawVerdicts.pipeInput("agent-a", "not avro".getBytes(StandardCharsets.UTF_8), Instant.ofEpochMilli(2_000));
        rawVerdicts.pipeInput("agent-a", (byte[]) null, Instant.ofEpochMilli(2_000));
        verdict(VERDICTS.seal(SealedVerdicts.unsealed("i-1", "alice", true).setComment("x".repeat(100_000)).build()), 2_000);
        verdict(VERDICTS.approve("i-1", "alice"), 3_000);
        verdict(VERDICTS.approve("i-1", "bob"), 4_000);

        assertThat(deadLetters).hasSize(3);
        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.REVIEW, Effect.ALLOW);
    }

    @Test
    void shouldDenyAReviewWhoseDeadlinePassedAndRefuseALateVerdict() {
        proposePay("i-1");
        verdict(VERDICTS.approve("i-1", "alice"), 2_000);
        clock.pipeInput(0, 0L, Instant.ofEpochMilli(DEADLINE));
        verdict(VERDICTS.approve("i-1", "bob"), DEADLINE + 1);

        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.REVIEW, Effect.DENY);
        List<Receipt> chain = verifiedChain();
        Receipt expired = chain.get(2);
        assertThat(expired.getTime()).isEqualTo(DEADLINE);
        assertThat(expired.getReview().getStatus()).isEqualTo(ReviewStatus.EXPIRED);
        assertThat(expired.getReasons()).singleElement().asString().startsWith("review expired at 1970-01-01T00:10:01Z with 1 of 2 approvals");
        assertThat(chain.get(3).getReasons()).containsExactly("verdict refused: the review had expired");
        assertThat(lastState().getStatus()).isEqualTo(ReviewStatus.EXPIRED);
    }

    @Test
    void shouldExpireAReviewWhenAVerdictComesPastTheDeadlineBeforeAnyTick() {
        proposePay("i-1");
        verdict(VERDICTS.approve("i-1", "alice"), DEADLINE + 5);

        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.REVIEW, Effect.DENY);
        assertThat(verifiedChain()).extracting(r -> r.getReasons().get(0)).last().isEqualTo("verdict refused: the review had expired");
    }

    @Test
    void shouldTickTheReviewClockWhenAReviewIsDueAndNoRecordsComeAndExpireItWhenTheTickComesBack() {
        proposePay("i-1");
        assertThat(ticks.isEmpty()).isTrue();

        // The driver's wall clock starts now, long past the deadline of an intent made in 1970.
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        KeyValue<Integer, Long> tick = ticks.readKeyValue();
        assertThat(tick.key).isZero();
        // The driver reads its own output topics back, as the broker would hand the tick to the task.
        assertThat(decide.readValuesToList()).extracting(Decision::getEffect).containsExactly(Effect.REVIEW, Effect.DENY);
        assertThat(lastState().getStatus()).isEqualTo(ReviewStatus.EXPIRED);
    }

    @Test
    void shouldDenyAPendingCallThatAChangedPolicyDenies() {
        proposePay("i-1");
        policy.pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("v2", PAY_DENIED, 0L));
        clock.pipeInput(0, 0L, Instant.ofEpochMilli(5_000));
        verdict(VERDICTS.approve("i-1", "alice"), 6_000);

        List<Decision> decisions = decide.readValuesToList();
        assertThat(decisions).extracting(Decision::getEffect).containsExactly(Effect.REVIEW, Effect.DENY);
        assertThat(decisions.get(1).getPolicyVersion()).isNotEqualTo(decisions.get(0).getPolicyVersion());
        assertThat(decisions.get(1).getReasons().get(0)).contains("the policy changed while the call was under review").endsWith("denies it");
        assertThat(verifiedChain().get(2).getReasons()).containsExactly("verdict refused: the review had already ended (denied)");
    }

    @Test
    void shouldAllowAPendingCallThatAChangedPolicyAllowsWithoutReview() {
        proposePay("i-1");
        policy.pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("v2", PAY_ALLOWED, 0L));
        clock.pipeInput(0, 0L, Instant.ofEpochMilli(5_000));

        List<Decision> decisions = decide.readValuesToList();
        assertThat(decisions).extracting(Decision::getEffect).containsExactly(Effect.REVIEW, Effect.ALLOW);
        assertThat(decisions.get(1).getReasons().get(0)).endsWith("allows it without review");
        assertThat(lastState().getStatus()).isEqualTo(ReviewStatus.APPROVED);
    }

    @Test
    void shouldKeepWhatANewPolicyFlagsOutOfTheFinalDecisionOfAReviewItDenies() {
        propose.pipeInput("agent-a", SampleIntents.intent().setIntentId("i-s").setEventTime(EVENT_TIME).setTool("pay")
                .setArgumentsJson("{\"amount\":5000,\"note\":\"key AKIAIOSFODNN7EXAMPLE\"}").build(), Instant.ofEpochMilli(EVENT_TIME));
        policy.pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("v3", """
                version: secrets
                default: deny
                rules:
                  - {id: no-secrets, effect: deny, scan: [secrets]}
                """, 0L));
        clock.pipeInput(0, 0L, Instant.ofEpochMilli(5_000));

        Receipt denied = verifiedChain().get(1);
        assertThat(denied.getEffect()).isEqualTo(Effect.DENY);
        assertThat(denied.getMatchedRules()).containsExactly("no-secrets");
        assertThat(denied.getIntent().getArgumentsJson()).isEqualTo("{\"amount\":5000,\"note\":\"[redacted by the gateway]\"}");
    }

    @Test
    void shouldGiveTheSameReceiptsWhenTheSameReviewHistoryIsReplayed() {
        List<String> first = reviewHistory();
        closeDriver();
        startDriver();

        assertThat(reviewHistory()).isEqualTo(first);
    }

    private List<String> reviewHistory() {
        proposePay("i-1");
        proposePay("i-2");
        verdict(fixed(SealedVerdicts.unsealed("i-1", "alice", true).setVerdictId("v-1")), 2_000);
        verdict(fixed(SealedVerdicts.unsealed("i-1", "bob", true).setVerdictId("v-2")), 3_000);
        verdict(fixed(SealedVerdicts.unsealed("i-2", "alice", true).setVerdictId("v-3")), 4_000);
        clock.pipeInput(0, 0L, Instant.ofEpochMilli(DEADLINE + 1));
        return verifiedChain().stream().map(Receipt::getHash).toList();
    }

    private static ReviewVerdict elicited(String intentId, String approver) {
        return VERDICTS.seal(SealedVerdicts.unsealed(intentId, approver, true).setChannel("elicitation").build());
    }

    private static ReviewVerdict fixed(ReviewVerdict.Builder verdict) {
        return VERDICTS.seal(verdict.build());
    }

    private void proposePay(String intentId) {
        propose.pipeInput("agent-a", SampleIntents.intent().setIntentId(intentId).setEventTime(EVENT_TIME).setTool("pay")
                .setArgumentsJson("{\"amount\":5000}").build(), Instant.ofEpochMilli(EVENT_TIME));
    }

    private void verdict(ReviewVerdict verdict, long brokerTime) {
        verdicts.pipeInput("agent-a", verdict, Instant.ofEpochMilli(brokerTime));
    }

    /** Every receipt so far, each checked against the chain. */
    private List<Receipt> verifiedChain() {
        List<Receipt> chain = receipts.readValuesToList();
        ChainVerifier verifier = new ChainVerifier(new ReceiptHasher(), KeyRing.of(KEY.publicKey()));
        chain.forEach(r -> assertThat(verifier.accept(r)).isEmpty());
        return chain;
    }

    private ReviewState lastState() {
        List<ReviewState> all = states.readValuesToList();
        return all.get(all.size() - 1);
    }

    private static ReceiptRef reference(Receipt receipt) {
        return new ReceiptRef(receipt.getChain(), receipt.getSequence(), receipt.getHash());
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }
}
