package dev.mcpgw.stream.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.PolicyEngine;
import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.ratelimit.RateCounts;
import dev.mcpgw.policy.scan.Redaction;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.stream.topology.StoreNames;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides each intent with the policy engine against the active policy; no policy means deny.
 * Argument values a detector flagged never reach the receipt: they are redacted here. An intent
 * that cannot be evaluated at all is denied, with its arguments withheld from the receipt (nothing
 * is known then about where a secret may be), so its caller gets an answer and the chain records it.
 * An ALLOW of an authorization/propose also grants its single-use authorization, and a call
 * redeeming one is decided by {@link SingleUseAuthorizations}. Each evaluation is traced (see
 * {@link DecisionSpans}); the chain step runs within its span.
 */
public final class EvaluateProcessor implements FixedKeyProcessor<String, Intent, Evaluation> {
    static final String NO_POLICY = "none";
    /** The receipt's arguments of an intent that could not be evaluated: the mark alone, as canonical JSON. */
    static final String WITHHELD_ARGUMENTS = "\"" + Redaction.MARK + "\"";

    private final ActivePolicy activePolicy;
    private FixedKeyProcessorContext<String, Evaluation> context;
    private KeyValueStore<String, byte[]> policies;
    private IntentDecider decider;
    private SingleUseAuthorizations authorizations;
    private final DecisionSpans spans;

    public EvaluateProcessor(boolean onePartition, DecisionSpans spans) {
        this.activePolicy = new ActivePolicy(onePartition);
        this.spans = spans;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Evaluation> context) {
        this.context = context;
        this.policies = context.getStateStore(StoreNames.ACTIVE_POLICY);
        this.decider = new IntentDecider(RateCounters.in(context.getStateStore(StoreNames.RATE_COUNTS)));
        this.authorizations = new SingleUseAuthorizations(context.getStateStore(StoreNames.AUTHORIZATIONS));
    }

    @Override
    public void process(FixedKeyRecord<String, Intent> record) {
        Span span = spans.evaluating(record.headers(), record.value());
        try (Scope scope = span.makeCurrent()) {
            Evaluation evaluation = evaluate(record.value());
            DecisionSpans.evaluated(span, evaluation);
            context.forward(record.withValue(evaluation));
        } finally {
            span.end();
        }
    }

    private Evaluation evaluate(Intent intent) {
        // A call presenting an authorization is decided by it, and a propose claiming another principal is refused: neither by the policy.
        if (intent.getRedeems() != null) {
            return authorizations.redeem(intent);
        }
        Optional<Evaluation> refused = ClaimedPrincipal.refusal(intent);
        if (refused.isPresent()) {
            return refused.get();
        }
        String policyVersion = NO_POLICY;
        try {
            Optional<Policy> policy = activePolicy.resolve(policies.get(Topics.ACTIVE_POLICY_KEY));
            policyVersion = policy.map(Policy::version).orElse(NO_POLICY);
            return policy
                    .map(p -> evaluation(intent, p))
                    .orElseGet(() -> new Evaluation(withheld(intent), NO_POLICY, Decision.failedClosed("no valid policy is active")));
        } catch (RuntimeException | PolicyException e) {
            return new Evaluation(withheld(intent), policyVersion, Decision.failedClosed(e.getClass().getSimpleName()));
        }
    }

    /**
     * Redacts what a detector flagged before the decision counts: a call that goes through counts
     * against its rate limits only once its receipt can be made.
     */
    private Evaluation evaluation(Intent intent, Policy policy) {
        Decision decision = decider.decide(intent, policy);
        if (!decision.errors().isEmpty()) {
            return new Evaluation(withheld(intent), policy.version(), decision);
        }
        Intent redacted = IntentMapper.redacted(intent, decision.redactedArguments());
        Evaluation evaluation = decision.effect() == Effect.REVIEW
                ? new Evaluation(redacted, policy.version(), decision, intent, ApprovalSettingsOf.of(policy, decision))
                : new Evaluation(redacted, policy.version(), decision);
        decider.count(decision);
        if (decision.effect() == Effect.ALLOW) {
            authorizations.grant(intent, redacted, policy.version(), decision.matchedRules(), intent.getEventTime());
        }
        return evaluation;
    }

    /** A decision without a partition's rate counts in view: a review's call evaluated again under a new policy. */
    static Decision decide(PolicyEngine engine, Intent intent, Policy policy, RateCounts counts) {
        try {
            return engine.decide(IntentMapper.toToolIntent(intent), policy, counts);
        } catch (JsonProcessingException e) {
            return Decision.failedClosed("arguments are not valid JSON");
        }
    }

    private static Intent withheld(Intent intent) {
        return Intent.newBuilder(intent).setArgumentsJson(WITHHELD_ARGUMENTS).build();
    }
}
