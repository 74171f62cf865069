package dev.mcpgw.kafka;

import dev.mcpgw.schemas.ChainAlert;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.DeadLetter;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Outcome;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.PolicyStatus;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKey;
import dev.mcpgw.schemas.Refusal;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewState;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.ToolPin;
import dev.mcpgw.schemas.ToolPinEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic of the gateway, typed. */
public final class Topics {
    /** Partitions of gateway.propose; each is one receipt chain, so the count is fixed at creation. */
    public static final int PROPOSE_PARTITIONS = 4;
    /** Partitions of gateway.decide; each edge instance reads one (see ReplyAddress). */
    public static final int DECIDE_PARTITIONS = 4;

    private static final Map<String, String> COMPACTED = Map.of(
            "cleanup.policy", "compact",
            "min.compaction.lag.ms", "0");

    /**
     * For topics that expire by time: retention counts from when the broker got a record, not from
     * the event time a producer stamped on it, so an edge with a slow clock (or a replayed old
     * intent) cannot make a record expire before it is read. Event time lives in the records.
     */
    private static final Map<String, String> BROKER_TIME = Map.of("message.timestamp.type", "LogAppendTime");

    /** Intents, keyed by agent id so one agent's calls share a partition (and its rate-limit state). */
    public static final Topic<String, Intent> PROPOSE = new Topic<>(
            "gateway.propose", Serdes.String(), new AvroSerde<>(Intent.class), PROPOSE_PARTITIONS, BROKER_TIME);

    /**
     * What happened to allowed calls, keyed by agent id and split like gateway.propose, so that an
     * outcome is chained by the task (and into the chain) that decided its intent.
     */
    public static final Topic<String, Outcome> OUTCOME = new Topic<>(
            "gateway.outcome", Serdes.String(), new AvroSerde<>(Outcome.class), PROPOSE_PARTITIONS, BROKER_TIME);

    /** Decisions, keyed by intent id, written to the partition the asking edge reads. */
    public static final Topic<String, Decision> DECIDE = new Topic<>(
            "gateway.decide", Serdes.String(), new AvroSerde<>(Decision.class), DECIDE_PARTITIONS, BROKER_TIME);

    /** Receipts, keyed "chain/sequence": unique per receipt, so compaction never removes one. */
    public static final Topic<String, Receipt> RECEIPT = new Topic<>(
            "gateway.receipt", Serdes.String(), new AvroSerde<>(Receipt.class), 1, COMPACTED);

    /**
     * gateway.receipt read as each receipt's writer wrote it, for verification: its hash covers the
     * writer's fields, whichever build wrote it and whichever schema this build has.
     */
    public static final Topic<String, GenericRecord> RECEIPT_AS_WRITTEN = new Topic<>(
            RECEIPT.name(), Serdes.String(), new AsWrittenSerde((AvroSerde<?>) RECEIPT.valueSerde()), 1, RECEIPT.config());

    /** The active policy under the single key {@link #ACTIVE_POLICY_KEY}. */
    public static final Topic<String, PolicyDocument> POLICY = new Topic<>(
            "gateway.policy", Serdes.String(), new AvroSerde<>(PolicyDocument.class), 1, COMPACTED);

    /** Signed chain heads, keyed "chain/count": unique per checkpoint, so compaction never removes one. */
    public static final Topic<String, Checkpoint> CHECKPOINT = new Topic<>(
            "gateway.checkpoint", Serdes.String(), new AvroSerde<>(Checkpoint.class), 1, COMPACTED);

    /** Broken links the receipt sink found, keyed by chain: what SIEM and on-call watch. */
    public static final Topic<String, ChainAlert> ALERTS = new Topic<>(
            "gateway.alerts", Serdes.String(), new AvroSerde<>(ChainAlert.class), 1, Map.of());

    /** The public keys receipts are signed with, keyed by key id: compacted, so every key ever used stays. */
    public static final Topic<String, ReceiptKey> RECEIPT_KEYS = new Topic<>(
            "gateway.receipt-keys", Serdes.String(), new AvroSerde<>(ReceiptKey.class), 1, COMPACTED);

    /** Intents a rule sent to human review, keyed by intent id. */
    public static final Topic<String, ReviewRequest> REVIEW_REQUEST = new Topic<>(
            "gateway.review-request", Serdes.String(), new AvroSerde<>(ReviewRequest.class), 1, BROKER_TIME);

    /** Approvers' verdicts, keyed by the intent's agent id and split like gateway.propose, so each reaches the task holding its review. */
    public static final Topic<String, ReviewVerdict> REVIEW_VERDICT = new Topic<>(
            "gateway.review-verdict", Serdes.String(), new AvroSerde<>(ReviewVerdict.class), PROPOSE_PARTITIONS, BROKER_TIME);

    /** Each review as it stands, keyed by intent id, written only by the decision stream. */
    public static final Topic<String, ReviewState> REVIEW_STATE = new Topic<>(
            "gateway.review-state", Serdes.String(), new AvroSerde<>(ReviewState.class), 1, COMPACTED);

    /**
     * Ticks of the review clock, keyed by the partition each is for and split like
     * gateway.propose: a decision stream task with a review due and no records coming writes one
     * to its own partition, and reads it back stamped with the broker's time, so that deadlines
     * pass by records in the log (replayable) rather than by a wall clock. The value is the
     * writer's clock when it asked, for information only.
     */
    public static final Topic<Integer, Long> REVIEW_CLOCK = new Topic<>(
            "gateway.review-clock", Serdes.Integer(), Serdes.Long(), PROPOSE_PARTITIONS, withRetention(BROKER_TIME, "3600000"));

    /** Receipts as OCSF API Activity JSON events, for SIEM connectors, keyed "chain/sequence" (written by the receipt sink when configured). */
    public static final Topic<String, String> OCSF = new Topic<>(
            "gateway.ocsf", Serdes.String(), Serdes.String(), 1, BROKER_TIME);

    /** Records a component could not read or use, keyed "topic/partition/offset"; see {@link DeadLetters}. */
    public static final Topic<String, DeadLetter> DEAD_LETTER = new Topic<>(
            "gateway.dead-letter", Serdes.String(), new AvroSerde<>(DeadLetter.class), 1, Map.of());

    /** What the decision stream made of each policy record, keyed by its offset on gateway.policy. */
    public static final Topic<String, PolicyStatus> POLICY_STATUS = new Topic<>(
            "gateway.policy-status", Serdes.String(), new AvroSerde<>(PolicyStatus.class), 1, COMPACTED);

    /** The definition each tool of each server is pinned to, keyed "server/tool"; see {@link ToolPinTopic}. */
    public static final Topic<String, ToolPin> TOOL_PINS = new Topic<>(
            "gateway.tool-pins", Serdes.String(), new AvroSerde<>(ToolPin.class), 1, COMPACTED);

    /** Every pin, change detected and acceptance, keyed "server/tool": the trail operators and SIEM watch. */
    public static final Topic<String, ToolPinEvent> TOOL_PIN_EVENTS = new Topic<>(
            "gateway.tool-pin-events", Serdes.String(), new AvroSerde<>(ToolPinEvent.class), 1, BROKER_TIME);

    /**
     * Tool calls run as MCP tasks (a call under human review, for a client that takes tasks),
     * keyed by task id, each value a sealed JSON record of the task as it stands: every edge
     * instance reads it, so any of them answers tasks/get. Compacted, and deleted after a day (the
     * longest task TTL) besides, so finished tasks do not pile up; one record at most 1 MiB. Results
     * are the client's data: they are kept here, never in the receipt chain, and the topic needs the
     * same read restriction as gateway.propose.
     */
    public static final Topic<String, String> TASKS = new Topic<>(
            "gateway.tasks", Serdes.String(), Serdes.String(), 1, Map.of(
                    "cleanup.policy", "compact,delete",
                    "min.compaction.lag.ms", "0",
                    "retention.ms", "90000000",
                    "max.message.bytes", "1048576"));

    /**
     * What the edge refused (credentials, malformed requests, authorizations), keyed by source and
     * aggregated per source, kind and reason by each edge, so a flood writes a bounded number of
     * records; kept 30 days by the broker's time. Decisions themselves are on gateway.receipt.
     */
    public static final Topic<String, Refusal> AUDIT = new Topic<>(
            "gateway.audit", Serdes.String(), new AvroSerde<>(Refusal.class), 1, withRetention(BROKER_TIME, "2592000000"));

    /**
     * Every schema records on these topics were written with, keyed by its fingerprint (see
     * {@link SchemaTopic}): a reader resolves a record of a schema it does not know from here.
     */
    public static final Topic<String, String> SCHEMAS = new Topic<>(
            "gateway.schemas", Serdes.String(), Serdes.String(), 1, COMPACTED);

    public static final String ACTIVE_POLICY_KEY = "active";

    public static final List<Topic<?, ?>> ALL = all(PROPOSE_PARTITIONS);

    /**
     * Every topic, with gateway.propose split into {@code proposePartitions}: one partition decides
     * every intent in one task (so rate limits may count across agents), more spread the work.
     */
    public static List<Topic<?, ?>> all(int proposePartitions) {
        Topic<String, Intent> propose = new Topic<>(PROPOSE.name(), PROPOSE.keySerde(), PROPOSE.valueSerde(), proposePartitions, PROPOSE.config());
        Topic<String, Outcome> outcome = new Topic<>(OUTCOME.name(), OUTCOME.keySerde(), OUTCOME.valueSerde(), proposePartitions, OUTCOME.config());
        Topic<String, ReviewVerdict> verdict = new Topic<>(REVIEW_VERDICT.name(), REVIEW_VERDICT.keySerde(), REVIEW_VERDICT.valueSerde(), proposePartitions, REVIEW_VERDICT.config());
        Topic<Integer, Long> clock = new Topic<>(REVIEW_CLOCK.name(), REVIEW_CLOCK.keySerde(), REVIEW_CLOCK.valueSerde(), proposePartitions, REVIEW_CLOCK.config());
        return List.of(propose, outcome, DECIDE, RECEIPT, CHECKPOINT, RECEIPT_KEYS, ALERTS, DEAD_LETTER, OCSF, POLICY, REVIEW_REQUEST, verdict, REVIEW_STATE,
                clock, POLICY_STATUS, TOOL_PINS, TOOL_PIN_EVENTS, TASKS, AUDIT, SCHEMAS);
    }

    private static Map<String, String> withRetention(Map<String, String> config, String retentionMs) {
        Map<String, String> all = new HashMap<>(config);
        all.put("retention.ms", retentionMs);
        return Map.copyOf(all);
    }

    private Topics() {
    }
}
