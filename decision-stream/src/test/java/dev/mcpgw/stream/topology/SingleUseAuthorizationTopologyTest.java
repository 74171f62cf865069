package dev.mcpgw.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.kafka.AvroSerde;
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
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.schemas.SepRules;
import dev.mcpgw.schemas.SingleUseAuthorization;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.stream.errors.StreamErrorHandlers;
import dev.mcpgw.stream.processor.PolledOffsets;
import dev.mcpgw.testsupport.SampleIntents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The single-use rule of authorization/propose: an ALLOW's authorization lets exactly one matching call through, once, in time. */
class SingleUseAuthorizationTopologyTest {
    private static final String POLICY = """
            version: test
            default: deny
            rules:
              - {id: echo-ok, effect: allow, tools: [echo]}
            """;
    private static final String CHANGELOG = "sep-test-" + StoreNames.AUTHORIZATIONS + "-changelog";
    private static final SigningKey KEY = SigningKey.generate();
    private static final DecisionAuthenticator AUTHENTICATOR = new DecisionAuthenticator(SecretKeyFile.random());
    private TopologyTestDriver driver;
    private TestInputTopic<String, Intent> propose;
    private TestOutputTopic<String, Decision> decide;
    private TestOutputTopic<String, Receipt> receipts;

    @BeforeEach
    void startDriver() {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterReporter ignored = (component, topic, partition, offset, value, reason) -> { };
        DecisionTopology.build(builder, new ChainSettings(KEY, 1000, Duration.ofHours(1)), false, AUTHENTICATOR,
                new VerdictAuthenticator(SecretKeyFile.random()), ignored, (offset, version, problems) -> { }, new PolledOffsets());
        Properties props = new Properties();
        StreamErrorHandlers.configure(props, ignored);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sep-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        propose = input(Topics.PROPOSE);
        decide = driver.createOutputTopic(Topics.DECIDE.name(), Topics.DECIDE.keySerde().deserializer(), Topics.DECIDE.valueSerde().deserializer());
        receipts = driver.createOutputTopic(Topics.RECEIPT.name(), Topics.RECEIPT.keySerde().deserializer(), Topics.RECEIPT.valueSerde().deserializer());
        input(Topics.POLICY).pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("ignored", POLICY, 0L));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldLetTheFirstMatchingCallThroughOnAnAllowedProposal() {
        assertThat(decideOne(proposal("p-1", "{\"text\":\"hi\"}", 1000)).getEffect()).isEqualTo(Effect.ALLOW);

        Decision redeemed = decideOne(redeeming("c-1", "p-1", "{\"text\":\"hi\"}", 2000));

        assertThat(redeemed.getEffect()).isEqualTo(Effect.ALLOW);
        assertThat(redeemed.getMatchedRules()).containsExactly(SepRules.REDEEMED, "echo-ok");
    }

    @Test
    void shouldRefuseTheSameAuthorizationPresentedASecondTime() {
        decideOne(proposal("p-1", "{}", 1000));
        decideOne(redeeming("c-1", "p-1", "{}", 2000));

        Decision replayed = decideOne(redeeming("c-2", "p-1", "{}", 2001));

        assertThat(replayed.getEffect()).isEqualTo(Effect.DENY);
        assertThat(replayed.getMatchedRules()).containsExactly(SepRules.USED);
        assertThat(replayed.getReasons()).singleElement().asString().contains("already used (by intent c-1)");
    }

    @Test
    void shouldRefuseACallWithOtherArgumentsAndLeaveTheAuthorizationToTheMatchingOne() {
        decideOne(proposal("p-1", "{\"text\":\"hi\"}", 1000));

        Decision other = decideOne(redeeming("c-1", "p-1", "{\"text\":\"rm -rf\"}", 2000));
        Decision matching = decideOne(redeeming("c-2", "p-1", "{\"text\":\"hi\"}", 2001));

        assertThat(other.getMatchedRules()).containsExactly(SepRules.MISMATCH);
        assertThat(matching.getEffect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void shouldRefuseACallForAnotherToolOfTheSameAuthorization() {
        decideOne(proposal("p-1", "{}", 1000));

        Decision other = decideOne(Intent.newBuilder(redeeming("c-1", "p-1", "{}", 2000)).setTool("delete_all").build());

        assertThat(other.getMatchedRules()).containsExactly(SepRules.MISMATCH);
    }

    @Test
    void shouldRefuseACallAfterTheAuthorizationExpired() {
        decideOne(proposal("p-1", "{}", 1000));

        Decision late = decideOne(redeeming("c-1", "p-1", "{}", 1000 + 60_001));

        assertThat(late.getMatchedRules()).containsExactly(SepRules.EXPIRED);
    }

    @Test
    void shouldAnswerAnotherAgentPresentingAnAuthorizationExactlyLikeAnUnknownId() {
        decideOne(proposal("p-1", "{}", 1000));

        Decision stolen = decideOne(Intent.newBuilder(redeeming("c-1", "p-1", "{}", 2000)).setAgent(SampleIntents.agent("agent-b")).build());
        Decision forged = decideOne(redeeming("c-2", "no-such-id", "{}", 2000));

        assertThat(stolen.getMatchedRules()).isEqualTo(forged.getMatchedRules()).containsExactly(SepRules.UNKNOWN);
        assertThat(stolen.getReasons().get(0).replace("p-1", "ID")).isEqualTo(forged.getReasons().get(0).replace("no-such-id", "ID"));
    }

    @Test
    void shouldGrantNoAuthorizationForADeniedProposal() {
        assertThat(decideOne(Intent.newBuilder(proposal("p-1", "{}", 1000)).setTool("delete_all").build()).getEffect()).isEqualTo(Effect.DENY);

        Decision call = decideOne(Intent.newBuilder(redeeming("c-1", "p-1", "{}", 2000)).setTool("delete_all").build());

        assertThat(call.getMatchedRules()).containsExactly(SepRules.UNKNOWN);
    }

    @Test
    void shouldGrantNoAuthorizationForAnInlineCall() {
        decideOne(SampleIntents.intent().setIntentId("inline-1").build());

        assertThat(decideOne(redeeming("c-1", "inline-1", "{}", 2000)).getMatchedRules()).containsExactly(SepRules.UNKNOWN);
    }

    @Test
    void shouldDenyAProposalWhoseEnvelopeNamesAnotherPrincipalBeforeThePolicySeesIt() {
        Intent claimingBob = Intent.newBuilder(proposal("p-1", "{}", 1000)).setContext(Map.of(SepRules.CLAIMED_PRINCIPAL, "agent-b")).build();

        Decision refused = decideOne(claimingBob);

        assertThat(refused.getEffect()).isEqualTo(Effect.DENY);
        assertThat(refused.getMatchedRules()).containsExactly(SepRules.PRINCIPAL_MISMATCH);
        assertThat(decideOne(redeeming("c-1", "p-1", "{}", 2000)).getMatchedRules()).containsExactly(SepRules.UNKNOWN);
    }

    @Test
    void shouldKeepTheRedeemedCallsReceiptToTheArgumentsTheAllowingReceiptShows() {
        decideOne(proposal("p-1", "{\"text\":\"hi\"}", 1000));
        receipts.readValuesToList();

        decideOne(redeeming("c-1", "p-1", "{\"text\":\"hi\"}", 2000));

        Receipt receipt = receipts.readValue();
        assertThat(receipt.getIntent().getRedeems()).isEqualTo("p-1");
        assertThat(receipt.getIntent().getArgumentsJson()).isEqualTo("{\"text\":\"hi\"}");
    }

    @Test
    void shouldRefuseAReplayAfterTheStreamStateIsRestoredFromItsChangelogOnAnotherInstance() {
        decideOne(proposal("p-1", "{}", 1000));
        decideOne(redeeming("c-1", "p-1", "{}", 2000));
        List<KeyValue<String, SingleUseAuthorization>> changelog = driver.createOutputTopic(CHANGELOG, Serdes.String().deserializer(),
                new AvroSerde<>(SingleUseAuthorization.class).deserializer()).readKeyValuesToList();

        closeDriver();
        startDriver();
        KeyValueStore<String, SingleUseAuthorization> restored = driver.getKeyValueStore(StoreNames.AUTHORIZATIONS);
        assertThat(restored.get("p-1")).isNull();
        // What a restore does: the new instance's store replays the changelog the first one wrote.
        changelog.forEach(entry -> restored.put(entry.key, entry.value));
        Decision replayed = decideOne(redeeming("c-2", "p-1", "{}", 2001));

        assertThat(replayed.getEffect()).isEqualTo(Effect.DENY);
        assertThat(replayed.getMatchedRules()).containsExactly(SepRules.USED);
    }

    private Decision decideOne(Intent intent) {
        propose.pipeInput(intent.getAgent().getId(), intent, Instant.ofEpochMilli(intent.getEventTime()));
        return decide.readValue();
    }

    /** agent-a proposes demo/echo with {@code arguments}, its authorization to live a minute. */
    private static Intent proposal(String id, String arguments, long eventTime) {
        return SampleIntents.intent().setIntentId(id).setArgumentsJson(arguments).setEventTime(eventTime)
                .setMode(IntentMode.SEP).setAuthorizationTtlMs(60_000L).build();
    }

    /** agent-a calls demo/echo with {@code arguments}, presenting the authorization of {@code authorizationId}. */
    private static Intent redeeming(String id, String authorizationId, String arguments, long eventTime) {
        return SampleIntents.intent().setIntentId(id).setArgumentsJson(arguments).setEventTime(eventTime).setRedeems(authorizationId).build();
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}
