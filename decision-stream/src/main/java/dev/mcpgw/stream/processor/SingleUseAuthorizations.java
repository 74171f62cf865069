package dev.mcpgw.stream.processor;

import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.IntentMode;
import dev.mcpgw.schemas.SepRules;
import dev.mcpgw.schemas.SingleUseAuthorization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The single-use authorizations an ALLOW of an authorization/propose carries, in a changelogged
 * store of the task that decided them, by intent id. A tools/call presenting one is proposed
 * with {@code redeems} set and decided here, not by the policy: allowed only when it is the same
 * agent, server, tool, kind and argument digest, before the expiry, and the first to ask; that
 * call marks it used in the same exactly-once step as its receipt and decision, so two edge
 * instances can never both run it. Everything is a function of the intents in partition order
 * and their event times, so a replay decides alike. An agent cannot tell another agent's
 * authorization from none: both are unknown.
 */
final class SingleUseAuthorizations {
    /** An authorization expired longer ago than this counts as unknown, and may be forgotten. */
    static final Duration KEEP_EXPIRED = Duration.ofMinutes(15);
    private static final long SWEEP_EVERY = Duration.ofMinutes(1).toMillis();

    private final KeyValueStore<String, SingleUseAuthorization> store;
    private long lastSweep = Long.MIN_VALUE;

    SingleUseAuthorizations(KeyValueStore<String, SingleUseAuthorization> store) {
        this.store = store;
    }

    /**
     * Keeps the authorization an ALLOW of {@code proposed}, an authorization/propose, carries:
     * {@code shown} is its intent as the receipt holds it, {@code allowedAt} the event time of the
     * ALLOW (the intent's own, or a review's approval), from which its time to live runs.
     */
    void grant(Intent proposed, Intent shown, String policyVersion, List<String> matchedRules, long allowedAt) {
        if (proposed.getMode() != IntentMode.SEP || proposed.getAuthorizationTtlMs() == null) {
            return;
        }
        store.put(proposed.getIntentId(), SingleUseAuthorization.newBuilder()
                .setIntentId(proposed.getIntentId())
                .setAgentId(proposed.getAgent().getId())
                .setServer(proposed.getServer())
                .setTool(proposed.getTool())
                .setKind(proposed.getKind())
                .setArgumentsDigest(SepRules.argumentsDigest(proposed.getArgumentsJson()))
                .setReceiptArgumentsJson(shown.getArgumentsJson())
                .setExpiresAt(allowedAt + Math.max(0, proposed.getAuthorizationTtlMs()))
                .setPolicyVersion(policyVersion)
                .setMatchedRules(matchedRules)
                .build());
    }

    /**
     * The decision on {@code call}, a request redeeming an authorization: ALLOW (and the
     * authorization is used up) or DENY saying why, with the intent its receipt may show (the
     * allowed intent's redacted arguments, or none at all on a refusal).
     */
    Evaluation redeem(Intent call) {
        sweepBefore(call.getEventTime());
        SingleUseAuthorization authorization = Optional.ofNullable(store.get(call.getRedeems()))
                .filter(a -> a.getAgentId().equals(call.getAgent().getId()))
                .filter(a -> a.getExpiresAt() + KEEP_EXPIRED.toMillis() >= call.getEventTime())
                .orElse(null);
        if (authorization == null) {
            return refused(call, EvaluateProcessor.NO_POLICY, SepRules.UNKNOWN, "no authorization of this agent has id " + call.getRedeems());
        }
        String version = authorization.getPolicyVersion();
        if (authorization.getUsedBy() != null) {
            return refused(call, version, SepRules.USED, "authorization " + call.getRedeems() + " was already used (by intent "
                    + authorization.getUsedBy() + "); it allows one call");
        }
        if (call.getEventTime() > authorization.getExpiresAt()) {
            return refused(call, version, SepRules.EXPIRED, "authorization " + call.getRedeems() + " expired at "
                    + Instant.ofEpochMilli(authorization.getExpiresAt()));
        }
        if (!matches(authorization, call)) {
            return refused(call, version, SepRules.MISMATCH, "authorization " + call.getRedeems() + " was given for "
                    + authorization.getServer() + "/" + authorization.getTool() + " with arguments of digest "
                    + authorization.getArgumentsDigest() + ", not for this call");
        }
        authorization.setUsedBy(call.getIntentId());
        store.put(authorization.getIntentId(), authorization);
        Intent shown = Intent.newBuilder(call).setArgumentsJson(authorization.getReceiptArgumentsJson()).build();
        List<String> rules = new ArrayList<>(authorization.getMatchedRules());
        rules.add(0, SepRules.REDEEMED);
        return new Evaluation(shown, version, new Decision(Effect.ALLOW, rules,
                List.of("allowed by authorization " + call.getRedeems() + ", used now; it allows no other call"),
                List.of(), List.of(), List.of()));
    }

    private static boolean matches(SingleUseAuthorization authorization, Intent call) {
        return authorization.getServer().equals(call.getServer())
                && authorization.getTool().equals(call.getTool())
                && authorization.getKind() == call.getKind()
                && authorization.getArgumentsDigest().equals(SepRules.argumentsDigest(call.getArgumentsJson()));
    }

    /** A refusal's receipt shows no arguments: a call refused here was never judged by the policy's detectors. */
    private static Evaluation refused(Intent call, String policyVersion, String rule, String reason) {
        Intent shown = Intent.newBuilder(call).setArgumentsJson(EvaluateProcessor.WITHHELD_ARGUMENTS).build();
        return new Evaluation(shown, policyVersion, new Decision(Effect.DENY, List.of(rule), List.of("denied: " + reason),
                List.of(), List.of(), List.of()));
    }

    /**
     * Forgets authorizations long expired. Only those a redeem would already count as unknown go,
     * and twice as long after, so when the sweep runs (it is driven by this instance's history)
     * never changes a decision, even for a call whose edge clock lags a little.
     */
    private void sweepBefore(long eventTime) {
        if (lastSweep != Long.MIN_VALUE && eventTime - lastSweep < SWEEP_EVERY) {
            return;
        }
        lastSweep = eventTime;
        long cutoff = eventTime - 2 * KEEP_EXPIRED.toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, SingleUseAuthorization> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, SingleUseAuthorization> next = all.next();
                if (next.value.getExpiresAt() < cutoff) {
                    old.add(next.key);
                }
            }
        }
        old.forEach(store::delete);
    }
}
