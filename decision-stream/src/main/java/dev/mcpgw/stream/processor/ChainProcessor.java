package dev.mcpgw.stream.processor;

import dev.mcpgw.chain.ChainAppender;
import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.chain.CheckpointSignature;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.CallOutcome;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Outcome;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewState;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.stream.topology.ChainSettings;
import dev.mcpgw.stream.topology.StoreNames;
import io.opentelemetry.api.trace.Span;
import java.util.Optional;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends each receipt (of a decision or an outcome) to the chain of the partition it came from
 * (gateway.propose and gateway.outcome are split alike), and signs it. One task owns a partition
 * and its chain head, and exactly-once commits the head with the receipt, so a crash can neither
 * fork nor gap a chain. An outcome's receipt is made from the decision receipt it names, which
 * must be an ALLOW of the same intent (or, for a call withdrawn before its decision, any decision
 * of it); any other outcome is refused as a dead letter. It also emits a signed checkpoint of the
 * head every N receipts and within a few seconds of the chain growing. It also keeps the human
 * reviews of its chain ({@link Reviews}): a REVIEW decision opens one, and verdicts, the review
 * clock's ticks and every other record move them on, their receipts chained here like any other.
 * Output keys: "chain/sequence" for receipts, "chain/count" for checkpoints, the intent id for
 * review requests and states, the chain for ticks.
 */
public final class ChainProcessor implements Processor<String, ChainEntry, String, Chained> {
    private final ChainAppender appender;
    private final ChainSettings settings;
    private final DeadLetterReporter deadLetters;
    private ProcessorContext<String, Chained> context;
    private long checkpointedCount = -1;
    private KeyValueStore<String, ReceiptRef> heads;
    private DecidedIntents decided;
    private Reviews reviews;
    /*
     * Every wall-clock punctuation makes Kafka Streams commit its task, and under exactly-once a
     * commit of a task that has read anything since it started is a transaction, empty or not. So
     * the clocks run only while they have something to do: an idle stream commits nothing.
     */
    private Cancellable checkpointClock;
    private Cancellable reviewClock;

    private final boolean onePartition;

    private final DecisionSpans spans;

    public ChainProcessor(ChainSettings settings, boolean onePartition, DeadLetterReporter deadLetters, DecisionSpans spans) {
        this.settings = settings;
        this.spans = spans;
        this.onePartition = onePartition;
        this.deadLetters = deadLetters;
        this.appender = new ChainAppender(new ReceiptHasher(), settings.signingKey(), settings.localSeals());
    }

    @Override
    public void init(ProcessorContext<String, Chained> context) {
        this.context = context;
        this.heads = context.getStateStore(StoreNames.CHAIN_HEADS);
        this.decided = new DecidedIntents(context.getStateStore(StoreNames.DECIDED_INTENTS), settings.outcomeWindow());
        this.reviews = new Reviews(context.getStateStore(StoreNames.REVIEWS), context.getStateStore(StoreNames.ACTIVE_POLICY),
                new SingleUseAuthorizations(context.getStateStore(StoreNames.AUTHORIZATIONS)), new ReviewSteps(),
                settings.outcomeWindow().toMillis(), onePartition);
        // Once after a start, for a head that grew before it: what was checkpointed is not kept.
        checkpointedCount = -1;
        startCheckpointClock();
        runReviewClockWhileReviewsWait();
    }

    @Override
    public void process(Record<String, ChainEntry> record) {
        try {
            take(record);
        } finally {
            // A record the task passes over may still have moved the reviews on.
            runReviewClockWhileReviewsWait();
        }
    }

    /** A processor may be initialised again (a task suspended, then resumed): its clocks start anew in init. */
    @Override
    public void close() {
        stop(checkpointClock);
        checkpointClock = null;
        stop(reviewClock);
        reviewClock = null;
    }

    private static void stop(Cancellable clock) {
        if (clock != null) {
            clock.cancel();
        }
    }

    private void take(Record<String, ChainEntry> record) {
        ChainEntry entry = record.value();
        // Reviews move on with the broker time of the records this task reads, ticks of the review clock included.
        reviews.advance(record.timestamp());
        if (entry.verdict() != null) {
            reviews.verdict(entry.verdict(), record.timestamp()).ifPresent(refused -> reportVerdict(entry.verdict(), refused));
            return;
        }
        Optional<Receipt> unsealed = entry.decision() != null ? Optional.of(entry.decision())
                : entry.outcome() != null ? outcomeReceipt(entry.outcome()) : Optional.empty();
        if (unsealed.isEmpty()) {
            return;
        }
        Span span = spans.appending(record.headers());
        try {
            boolean opensReview = entry.approval() != null && unsealed.get().getEffect() == Effect.REVIEW;
            Receipt receipt = chain(unsealed.get(), record.timestamp(),
                    opensReview ? entry.proposed().getEventTime() + entry.approval().getExpiresInMs() : null,
                    opensReview && entry.approval().getAskCallingUser() ? Boolean.TRUE : null);
            DecisionSpans.appended(span, receipt);
            if (opensReview) {
                reviews.open(receipt, entry.proposed(), entry.approval(), record.timestamp());
            }
        } finally {
            span.end();
        }
    }

    /**
     * Links {@code receipt} into this task's chain, signs it and emits it (and a checkpoint when one
     * is due), with the deadline of the review it opens, if it does; returns it sealed.
     */
    private Receipt chain(Receipt receipt, long timestamp, Long reviewDeadline, Boolean askCallingUser) {
        String chain = chainOf(context.taskId().partition());
        ReceiptRef last = heads.get(chain);
        ChainHead head = last == null ? ChainHead.genesis(chain) : new ChainHead(chain, last.getSequence() + 1, last.getHash());
        ChainHead next = appender.append(head, receipt);
        heads.put(chain, new ReceiptRef(chain, receipt.getSequence(), receipt.getHash()));
        if (receipt.getKind() == ReceiptKind.DECISION) {
            decided.remember(receipt, timestamp);
        }
        context.forward(new Record<>(receiptKey(receipt), Chained.of(receipt, reviewDeadline, askCallingUser), timestamp));
        if (next.nextSequence() % settings.checkpointEvery() == 0) {
            checkpoint(next, receipt.getTime(), timestamp);
        }
        startCheckpointClock();
        return receipt;
    }

    private void startCheckpointClock() {
        if (checkpointClock == null) {
            checkpointClock = context.schedule(settings.checkpointInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkpointIfGrown);
        }
    }

    private void runReviewClockWhileReviewsWait() {
        if (reviews.waiting() && reviewClock == null) {
            reviewClock = context.schedule(settings.reviewClockInterval(), PunctuationType.WALL_CLOCK_TIME, this::tickIfReviewsWait);
        } else if (!reviews.waiting() && reviewClock != null) {
            stop(reviewClock);
            reviewClock = null;
        }
    }

    /** The review steps go out through this task's chain and outputs. */
    private final class ReviewSteps implements Reviews.Output {
        @Override
        public Receipt chain(Receipt unsealed, long timestamp) {
            return ChainProcessor.this.chain(unsealed, timestamp, null, null);
        }

        @Override
        public void request(ReviewRequest request, long timestamp) {
            context.forward(new Record<>(request.getIntentId(), Chained.of(request), timestamp));
        }

        @Override
        public void state(ReviewState state, long timestamp) {
            context.forward(new Record<>(state.getIntentId(), Chained.of(state), timestamp));
        }
    }

    private void reportVerdict(ReviewVerdict verdict, String reason) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        deadLetters.report("decision-stream", source.topic(), source.partition(), source.offset(),
                Topics.REVIEW_VERDICT.valueSerde().serializer().serialize(source.topic(), verdict), reason);
    }

    /**
     * With no records coming in, this task's stream time stands still and a deadline would pass
     * unnoticed. So, by the wall clock, it writes a tick to its own partition of the review clock
     * topic; the tick comes back as a record stamped by the broker, and the reviews move on with
     * it. The wall clock only decides when to ask; what expires is decided by records in the log,
     * so a replay expires the same reviews at the same place in the chain.
     */
    private void tickIfReviewsWait(long now) {
        if (reviews.due(now)) {
            context.forward(new Record<>(chainOf(context.taskId().partition()), Chained.tick(context.taskId().partition()), now));
        }
    }

    /** The unsealed receipt of {@code outcome}, or empty (reported) when it follows no decision it may follow. */
    private Optional<Receipt> outcomeReceipt(Outcome outcome) {
        CallOutcome call = outcome.getOutcome();
        Optional<Receipt> decision = decided.take(call.getDecisionReceipt(),
                d -> d.getIntent().getIntentId().equals(outcome.getIntent().getIntentId())
                        && (d.getEffect() == Effect.ALLOW || call.getStatus() == OutcomeStatus.CANCELLED));
        if (decision.isEmpty()) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            deadLetters.report("decision-stream", source.topic(), source.partition(), source.offset(),
                    Topics.OUTCOME.valueSerde().serializer().serialize(source.topic(), outcome),
                    "outcome refused: it names no decision receipt of its intent that it may follow");
        }
        return decision.map(d -> UnsealedReceipts.outcome(d, call));
    }

    /**
     * The timed checkpoint: for this task's chain, if it has grown since the last one. The clock
     * stops here and the next receipt starts it again.
     */
    private void checkpointIfGrown(long now) {
        stop(checkpointClock);
        checkpointClock = null;
        String chain = chainOf(context.taskId().partition());
        ReceiptRef last = heads.get(chain);
        if (last != null && last.getSequence() + 1 != checkpointedCount) {
            checkpoint(new ChainHead(chain, last.getSequence() + 1, last.getHash()), now, now);
        }
    }

    private void checkpoint(ChainHead head, long time, long timestamp) {
        Checkpoint checkpoint = CheckpointSignature.of(head, time, settings.signingKey());
        checkpointedCount = head.nextSequence();
        context.forward(new Record<>(CheckpointSignature.key(checkpoint), Chained.of(checkpoint), timestamp));
    }

    public static String chainOf(int proposePartition) {
        return "propose-" + proposePartition;
    }

    public static String receiptKey(Receipt receipt) {
        return receiptKey(receipt.getChain(), receipt.getSequence());
    }

    static String receiptKey(String chain, long sequence) {
        return chain + "/" + String.format("%019d", sequence);
    }
}
