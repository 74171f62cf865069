package dev.mcpgw.stream.processor;

import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.VerdictAuthenticator;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Lets through only verdicts the review service sealed, within sizes a receipt can carry; any
 * other record on gateway.review-verdict (forged, altered, oversized) is reported as a dead letter
 * and has no effect. Whoever can write the topic without the key cannot approve a call, nor fill
 * the chain with receipts.
 */
public final class VerdictGate implements FixedKeyProcessor<String, ReviewVerdict, ChainEntry> {
    /** Longest comment, approver, group or id taken; the review service keeps within them. */
    public static final int MAX_COMMENT = 4096;
    public static final int MAX_NAME = 256;
    public static final int MAX_GROUPS = 64;

    private final VerdictAuthenticator authenticator;
    private final DeadLetterReporter deadLetters;
    private FixedKeyProcessorContext<String, ChainEntry> context;

    public VerdictGate(VerdictAuthenticator authenticator, DeadLetterReporter deadLetters) {
        this.authenticator = authenticator;
        this.deadLetters = deadLetters;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ChainEntry> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ReviewVerdict> record) {
        ReviewVerdict verdict = record.value();
        if (!withinLimits(verdict)) {
            report(verdict, "verdict refused: a field is longer than a receipt takes");
        } else if (!authenticator.verify(verdict)) {
            report(verdict, "forged verdict: its authenticator does not verify");
        } else {
            context.forward(record.withValue(ChainEntry.of(verdict)));
        }
    }

    private static boolean withinLimits(ReviewVerdict verdict) {
        return (verdict.getComment() == null || verdict.getComment().length() <= MAX_COMMENT)
                && verdict.getApprover().length() <= MAX_NAME
                && verdict.getVerdictId().length() <= MAX_NAME
                && verdict.getIntentId().length() <= MAX_NAME
                && verdict.getChannel().length() <= MAX_NAME
                && verdict.getApproverGroups().size() <= MAX_GROUPS
                && verdict.getApproverGroups().stream().allMatch(group -> group.length() <= MAX_NAME);
    }

    private void report(ReviewVerdict verdict, String reason) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        deadLetters.report("decision-stream", source.topic(), source.partition(), source.offset(),
                Topics.REVIEW_VERDICT.valueSerde().serializer().serialize(source.topic(), verdict), reason);
    }
}
