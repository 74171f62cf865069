package dev.mcpgw.stream.topology;

import dev.mcpgw.kafka.AvroSerde;
import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.DecisionAuthenticator;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.PendingReview;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.SingleUseAuthorization;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.stream.processor.ChainEntry;
import dev.mcpgw.stream.processor.ChainProcessor;
import dev.mcpgw.stream.processor.CommitWhenCaughtUp;
import dev.mcpgw.stream.processor.DecisionSpans;
import dev.mcpgw.stream.processor.Chained;
import dev.mcpgw.stream.processor.EvaluateProcessor;
import dev.mcpgw.stream.processor.PolicyRecords;
import dev.mcpgw.stream.processor.PolicyStatusReporter;
import dev.mcpgw.stream.processor.PolledOffsets;
import dev.mcpgw.stream.processor.UnsealedReceipts;
import dev.mcpgw.stream.processor.VerdictGate;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * The decision pipeline.
 * <ul>
 *   <li>in: {@code gateway.propose} (key agent id, value Intent); {@code gateway.outcome} (key agent id,
 *       value Outcome: what an allowed call did); {@code gateway.review-verdict} (key agent id,
 *       value ReviewVerdict); {@code gateway.review-clock} (ticks); {@code gateway.policy} (key
 *       "active", value PolicyDocument) as a global table;</li>
 *   <li>out: {@code gateway.receipt} (key "chain/sequence", value Receipt), {@code gateway.decide}
 *       (key intent id, value Decision, to the partition the asking edge reads),
 *       {@code gateway.review-request} and {@code gateway.review-state} (key intent id) for
 *       REVIEW, and ticks to {@code gateway.review-clock}.</li>
 * </ul>
 * One receipt chain per propose partition: the task that owns the partition owns the chain, and
 * chains the decisions of that partition's intents and the outcomes of the same partition of
 * gateway.outcome (keyed alike, so an agent's outcomes follow its decisions into one chain), and
 * the human reviews of that partition's intents, whose verdicts come split alike.
 */
public final class DecisionTopology {

    private DecisionTopology() {
    }

    /**
     * Receipts and checkpoints are signed as {@code chain} says; the public key must be published
     * before the topology runs. {@code onePartition}: gateway.propose has a single partition, so
     * policies may count rate limits across agents. Decisions are authenticated for the edge with
     * {@code authenticator}. Records the topology refuses (an unreadable policy, an outcome that follows
     * no decision it may follow) go to {@code deadLetters}. What became of each policy document goes to {@code policyStatuses}.
     * The stream commits when it has caught up with what its consumers polled ({@code polled}) on
     * the inputs someone waits on: intents, verdicts and ticks of the review clock. Outcome receipts,
     * which nobody waits for, ride with the next such commit or the commit interval.
     */
    public static void build(StreamsBuilder builder, ChainSettings chain, boolean onePartition, DecisionAuthenticator authenticator,
                             VerdictAuthenticator verdicts, DeadLetterReporter deadLetters, PolicyStatusReporter policyStatuses,
                             PolledOffsets polled) {
        build(builder, chain, onePartition, authenticator, verdicts, deadLetters, policyStatuses, polled, new DecisionSpans(OpenTelemetry.noop()));
    }

    /** As above, evaluations and receipts traced with {@code spans}. */
    public static void build(StreamsBuilder builder, ChainSettings chain, boolean onePartition, DecisionAuthenticator authenticator,
                             VerdictAuthenticator verdicts, DeadLetterReporter deadLetters, PolicyStatusReporter policyStatuses,
                             PolledOffsets polled, DecisionSpans spans) {
        // The active policy, replicated in full to every instance; only a document that loads replaces it.
        builder.addGlobalStore(activePolicy(), Topics.POLICY.name(), Consumed.with(Topics.POLICY.keySerde(), Serdes.ByteArray()),
                () -> new PolicyRecords(onePartition, deadLetters, policyStatuses));
        builder.addStateStore(chainHeads());
        builder.addStateStore(rateCounts());
        builder.addStateStore(decidedIntents());
        builder.addStateStore(reviews());
        builder.addStateStore(authorizations());

        KStream<String, ChainEntry> decided = builder
                .stream(Topics.PROPOSE.name(), consumedStrictly(Topics.PROPOSE).withName("propose"))
                .processValues(() -> new CommitWhenCaughtUp<>(polled), Named.as("commit-when-proposals-caught-up"))
                // Decide each intent; the engine is a pure function of intent, policy and rate counts.
                .processValues(() -> new EvaluateProcessor(onePartition, spans), Named.as("evaluate"), StoreNames.RATE_COUNTS,
                        StoreNames.AUTHORIZATIONS)
                .mapValues(ChainEntry::of, Named.as("decision-receipt"));
        KStream<String, ChainEntry> ended = builder
                .stream(Topics.OUTCOME.name(), consumedStrictly(Topics.OUTCOME).withName("outcome"))
                .mapValues(ChainEntry::of, Named.as("outcome-entry"));
        // Approvers' verdicts, split like gateway.propose so each reaches the task holding its review; only sealed ones pass.
        KStream<String, ChainEntry> judged = builder
                .stream(Topics.REVIEW_VERDICT.name(), consumedStrictly(Topics.REVIEW_VERDICT).withName("review-verdict"))
                .processValues(() -> new CommitWhenCaughtUp<>(polled), Named.as("commit-when-verdicts-caught-up"))
                .processValues(() -> new VerdictGate(verdicts, deadLetters), Named.as("verdict-gate"));
        // Ticks of the review clock only move the task's stream time on (see ChainProcessor); any record there is a tick.
        KStream<String, ChainEntry> ticks = builder
                .stream(Topics.REVIEW_CLOCK.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("review-clock"))
                .processValues(() -> new CommitWhenCaughtUp<>(polled), Named.as("commit-when-ticks-caught-up"))
                .mapValues(value -> ChainEntry.tick(), Named.as("tick"));

        KStream<String, Chained> chained = decided.merge(ended, Named.as("decisions-and-outcomes"))
                .merge(judged, Named.as("and-verdicts"))
                .merge(ticks, Named.as("and-ticks"))
                // Link the receipt into its partition's chain, and sign it; now and then, a signed checkpoint of the head.
                .process(() -> new ChainProcessor(chain, onePartition, deadLetters, spans), Named.as("chain"), StoreNames.CHAIN_HEADS,
                        StoreNames.DECIDED_INTENTS, StoreNames.REVIEWS, StoreNames.AUTHORIZATIONS);
        chained.filter((key, out) -> out.checkpoint() != null, Named.as("checkpoints-only"))
                .mapValues(Chained::checkpoint, Named.as("checkpoint-of"))
                .to(Topics.CHECKPOINT.name(), produced(Topics.CHECKPOINT).withName("checkpoint"));
        KStream<String, Receipt> receipts = chained.filter((key, out) -> out.receipt() != null, Named.as("receipts-only"))
                .mapValues(Chained::receipt, Named.as("receipt-of"));

        // Every receipt is kept: the audit trail.
        receipts.to(Topics.RECEIPT.name(), produced(Topics.RECEIPT).withName("receipt"));
        KStream<String, Chained> decisions = chained.filter((key, out) -> out.receipt() != null && out.receipt().getKind() == ReceiptKind.DECISION,
                Named.as("decisions-only"));
        // The edge waiting for this intent gets the decision, authenticated, on its own partition: a REVIEW (with its deadline), then the review's final decision.
        decisions.map((key, out) -> KeyValue.pair(intentId(out.receipt()), authenticator.seal(ReceiptViews.decision(out.receipt(), out.reviewDeadline(), out.askCallingUser()))),
                        Named.as("to-decision"))
                .to(Topics.DECIDE.name(), Produced.with(Topics.DECIDE.keySerde(), Topics.DECIDE.valueSerde())
                        .withStreamPartitioner(new ReplyPartitioner()).withName("decide"));
        // Calls that need a human go to the review queue, and each review's state to its compacted topic.
        chained.filter((key, out) -> out.reviewRequest() != null, Named.as("review-requests-only"))
                .mapValues(Chained::reviewRequest, Named.as("review-request-of"))
                .to(Topics.REVIEW_REQUEST.name(), produced(Topics.REVIEW_REQUEST).withName("review-request"));
        chained.filter((key, out) -> out.reviewState() != null, Named.as("review-states-only"))
                .mapValues(Chained::reviewState, Named.as("review-state-of"))
                .to(Topics.REVIEW_STATE.name(), produced(Topics.REVIEW_STATE).withName("review-state"));
        chained.filter((key, out) -> out.tick() != null, Named.as("ticks-only"))
                .map((key, out) -> KeyValue.pair(out.tick(), 0L), Named.as("tick-of"))
                .to(Topics.REVIEW_CLOCK.name(), Produced.with(Topics.REVIEW_CLOCK.keySerde(), Topics.REVIEW_CLOCK.valueSerde())
                        .withStreamPartitioner((topic, partition, value, partitions) -> Optional.of(Set.of(Math.floorMod(partition, partitions))))
                        .withName("review-clock-tick"));
    }

    private static String intentId(Receipt receipt) {
        return receipt.getIntent().getIntentId();
    }

    private static StoreBuilder<KeyValueStore<String, ReceiptRef>> chainHeads() {
        return Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.CHAIN_HEADS),
                Serdes.String(), new AvroSerde<>(ReceiptRef.class));
    }

    private static StoreBuilder<KeyValueStore<String, PendingReview>> reviews() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.REVIEWS), Serdes.String(), new AvroSerde<>(PendingReview.class));
    }

    /** Changelogged like every store of the topology: the "used" fact survives a restart and moves with its task. */
    private static StoreBuilder<KeyValueStore<String, SingleUseAuthorization>> authorizations() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.AUTHORIZATIONS), Serdes.String(),
                new AvroSerde<>(SingleUseAuthorization.class));
    }

    private static StoreBuilder<KeyValueStore<String, Long>> rateCounts() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.RATE_COUNTS), Serdes.String(), Serdes.Long());
    }

    /** A global store is fed from its topic, so it keeps no changelog of its own. */
    private static StoreBuilder<KeyValueStore<String, byte[]>> activePolicy() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ACTIVE_POLICY), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled();
    }

    private static StoreBuilder<TimestampedKeyValueStore<String, Receipt>> decidedIntents() {
        return Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(StoreNames.DECIDED_INTENTS), Serdes.String(),
                new AvroSerde<>(Receipt.class));
    }

    /** Reads {@code topic} refusing tombstones as unreadable, so they reach the dead-letter handler rather than a processor. */
    private static <K, V> Consumed<K, V> consumedStrictly(Topic<K, V> topic) {
        Deserializer<V> values = topic.valueSerde().deserializer();
        Deserializer<V> strict = (name, bytes) -> {
            if (bytes == null) {
                throw new SerializationException("a tombstone is not a record of " + name);
            }
            return values.deserialize(name, bytes);
        };
        return Consumed.with(topic.keySerde(), Serdes.serdeFrom(topic.valueSerde().serializer(), strict));
    }

    private static <K, V> Produced<K, V> produced(Topic<K, V> topic) {
        return Produced.with(topic.keySerde(), topic.valueSerde());
    }
}
