package dev.mcpgw.stream.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.PolicyEngine;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Topics;
import dev.mcpgw.stream.topology.StoreNames;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Decides each intent with the policy engine against the active policy; no policy means deny.
 * Argument values a detector flagged never reach the receipt: they are redacted here.
 */
public final class EvaluateProcessor implements FixedKeyProcessor<String, Intent, Evaluation> {
    static final String NO_POLICY = "none";

    private final PolicyEngine engine = new PolicyEngine();
    private final ActivePolicy activePolicy;
    private FixedKeyProcessorContext<String, Evaluation> context;
    private TimestampedKeyValueStore<String, PolicyDocument> policies;
    private RateCounters rateCounters;

    public EvaluateProcessor(boolean onePartition) {
        this.activePolicy = new ActivePolicy(onePartition);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Evaluation> context) {
        this.context = context;
        this.policies = context.getStateStore(StoreNames.ACTIVE_POLICY);
        this.rateCounters = new RateCounters(context.getStateStore(StoreNames.RATE_COUNTS));
    }

    @Override
    public void process(FixedKeyRecord<String, Intent> record) {
        Optional<Policy> policy = activePolicy.resolve(ValueAndTimestamp.getValueOrNull(policies.get(Topics.ACTIVE_POLICY_KEY)));
        Evaluation evaluation = policy
                .map(p -> evaluation(record.value(), p))
                .orElseGet(() -> new Evaluation(record.value(), NO_POLICY, Decision.failedClosed("no valid policy is active")));
        context.forward(record.withValue(evaluation));
    }

    /**
     * A call that goes through counts against its rate limits; what a detector flagged is redacted
     * from the intent before it goes into the receipt.
     */
    private Evaluation evaluation(Intent intent, Policy policy) {
        rateCounters.sweepBefore(intent.getEventTime());
        Decision decision = decide(intent, policy);
        rateCounters.countCall(decision.countedAgainst());
        return new Evaluation(IntentMapper.redacted(intent, decision.redactedArguments()), policy.version(), decision);
    }

    private Decision decide(Intent intent, Policy policy) {
        try {
            return engine.decide(IntentMapper.toToolIntent(intent), policy, rateCounters);
        } catch (JsonProcessingException e) {
            return Decision.failedClosed("arguments are not valid JSON");
        }
    }
}
