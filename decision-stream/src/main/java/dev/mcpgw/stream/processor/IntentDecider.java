package dev.mcpgw.stream.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.PolicyEngine;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.Intent;

/**
 * Decides one partition's intents in their order, as the decision stream does: counters of windows
 * long over are swept in event time, the engine decides against the counts so far, and a decision
 * that could be made counts against the rate limits it names. The stream and a what-if replay both
 * decide through this, so a replay counts exactly as the stream did.
 */
public final class IntentDecider {
    private final PolicyEngine engine = new PolicyEngine();
    private final RateCounters counters;

    public IntentDecider(RateCounters counters) {
        this.counters = counters;
    }

    /** The decision, not yet counted: the stream counts it only once its receipt can be made. */
    public Decision decide(Intent intent, Policy policy) {
        counters.sweepBefore(intent.getEventTime());
        try {
            return engine.decide(IntentMapper.toToolIntent(intent), policy, counters);
        } catch (JsonProcessingException e) {
            return Decision.failedClosed("arguments are not valid JSON");
        }
    }

    /** Counts a decision against its rate limits; one that failed closed counts against none. */
    public void count(Decision decision) {
        if (decision.errors().isEmpty()) {
            counters.countCall(decision.countedAgainst());
        }
    }
}
