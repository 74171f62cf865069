package dev.mcpgw.stream.processor;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.PolicyEngine;
import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.ratelimit.RateCounts;
import dev.mcpgw.schemas.ApprovalSettings;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.PendingReview;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewState;
import dev.mcpgw.schemas.ReviewStatus;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.ReviewVote;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The human reviews of one chain, kept in a changelogged store by intent id, and what verdicts,
 * deadlines and policy changes do to them. Everything here is driven by records of the task's
 * input (a review opens with its REVIEW decision, verdicts are records, and time is the timestamp
 * of the record being processed, set by the broker), never by the wall clock, so replaying the
 * inputs gives the same receipts. Each step is chained through {@link Output}: a verdict receipt
 * for every verdict the review service sealed (applied or refused), then, when the review ends,
 * the final ALLOW or DENY decision, linked to the review receipt and the verdicts that counted.
 * A finished review is kept a while longer, so a late or repeated verdict is still recognised.
 */
final class Reviews {
    /** Where the review steps go: {@link #chain} seals, links and emits a receipt and returns it sealed. */
    interface Output {
        Receipt chain(Receipt unsealed, long timestamp);

        void request(ReviewRequest request, long timestamp);

        void state(ReviewState state, long timestamp);
    }

    private final KeyValueStore<String, PendingReview> store;
    private final KeyValueStore<String, byte[]> policies;
    private final Output out;
    private final long keepFinished;
    private final ActivePolicy activePolicy;
    private final SingleUseAuthorizations authorizations;
    private final PolicyEngine engine = new PolicyEngine();
    /** Derived from the store, so rebuilt after a restart: the earliest time at which something is due. */
    private long nextDue = Long.MAX_VALUE;
    private int pending;
    private String checkedPolicy;

    Reviews(KeyValueStore<String, PendingReview> store, KeyValueStore<String, byte[]> policies, SingleUseAuthorizations authorizations,
            Output out, long keepFinished, boolean onePartition) {
        this.store = store;
        this.authorizations = authorizations;
        this.policies = policies;
        this.out = out;
        this.keepFinished = keepFinished;
        this.activePolicy = new ActivePolicy(onePartition);
        survey();
    }

    /** Opens the review of {@code review}, a sealed REVIEW decision receipt of {@code proposed}; one review per intent. */
    void open(Receipt review, Intent proposed, ApprovalSettings approval, long timestamp) {
        String intentId = proposed.getIntentId();
        if (store.get(intentId) != null) {
            return;
        }
        ReviewRequest request = ReviewRequest.newBuilder()
                .setIntentId(intentId)
                .setIntent(review.getIntent())
                .setMatchedRules(review.getMatchedRules())
                .setReasons(review.getReasons())
                .setPolicyVersion(review.getPolicyVersion())
                .setReceipt(reference(review))
                .setApproval(approval)
                .setDeadline(proposed.getEventTime() + approval.getExpiresInMs())
                .setArgumentsDigest(sha256(proposed.getArgumentsJson()))
                .build();
        ReviewState state = ReviewState.newBuilder().setIntentId(intentId).setRequest(request).setStatus(ReviewStatus.PENDING)
                .setUpdatedAt(review.getTime()).build();
        store.put(intentId, new PendingReview(proposed, state, new ArrayList<>()));
        out.request(request, timestamp);
        out.state(state, timestamp);
        pending++;
        nextDue = Math.min(nextDue, request.getDeadline());
    }

    /**
     * Applies or refuses {@code verdict}, whose authenticator verified, at broker time {@code time}.
     * Returns why it was not recorded in the chain: it names no review this task holds, or repeats
     * a verdict id the review saw already (a replay of the same sealed record adds nothing).
     */
    Optional<String> verdict(ReviewVerdict verdict, long time) {
        advance(time);
        PendingReview review = store.get(verdict.getIntentId());
        if (review == null) {
            return Optional.of("verdict refused: it names no review this chain holds");
        }
        if (review.getSeenVerdicts().contains(verdict.getVerdictId())) {
            return Optional.of("verdict refused: its id was seen before");
        }
        review.getSeenVerdicts().add(verdict.getVerdictId());
        ReviewState state = review.getState();
        ReviewRequest request = state.getRequest();
        ReviewVote vote = ReviewVote.newBuilder().setVerdictId(verdict.getVerdictId()).setApprover(verdict.getApprover())
                .setApproverGroups(verdict.getApproverGroups()).setApproved(verdict.getApproved()).setComment(verdict.getComment())
                .setChannel(verdict.getChannel()).setTime(verdict.getTime()).build();
        Optional<String> refusal = refusal(review, verdict);
        if (refusal.isPresent()) {
            out.chain(UnsealedReceipts.verdict(request, vote, false, state.getStatus(), refusal.get(), time), time);
            store.put(verdict.getIntentId(), review);
            return Optional.empty();
        }
        long approvals = state.getVotes().stream().filter(ReviewVote::getApproved).count() + (verdict.getApproved() ? 1 : 0);
        ReviewStatus status = !verdict.getApproved() ? ReviewStatus.DENIED
                : approvals >= request.getApproval().getRequiredApprovals() ? ReviewStatus.APPROVED : ReviewStatus.PENDING;
        String what = (verdict.getApproved() ? "approved" : "denied") + " by " + who(vote)
                + (verdict.getApproved() ? ": approval " + approvals + " of " + request.getApproval().getRequiredApprovals() : "");
        Receipt recorded = out.chain(UnsealedReceipts.verdict(request, vote, true, status, what, time), time);
        List<ReviewVote> votes = new ArrayList<>(state.getVotes());
        votes.add(ReviewVote.newBuilder(vote).setReceipt(reference(recorded)).build());
        ReviewState voted = ReviewState.newBuilder(state).setVotes(votes).setUpdatedAt(time).build();
        if (status == ReviewStatus.PENDING) {
            save(review, voted, time);
        } else {
            String reason = status == ReviewStatus.APPROVED
                    ? "approved by " + String.join(", ", votes.stream().map(Reviews::who).toList())
                    : "denied by " + who(vote);
            finish(review, voted, status == ReviewStatus.APPROVED ? Effect.ALLOW : Effect.DENY, status, request.getPolicyVersion(),
                    request.getMatchedRules(), List.of(reason), time);
        }
        return Optional.empty();
    }

    /**
     * Brings every review up to broker time {@code time}: those past their deadline are denied as
     * expired, those a new policy now decides otherwise are decided by it, and finished ones kept
     * long enough are forgotten. Cheap when nothing is due.
     */
    void advance(long time) {
        Optional<Policy> policy = pending == 0 ? Optional.empty() : policy();
        boolean policyChanged = policy.isPresent() && !policy.get().version().equals(checkedPolicy);
        if (time < nextDue && !policyChanged) {
            return;
        }
        List<KeyValue<String, PendingReview>> all = new ArrayList<>();
        try (KeyValueIterator<String, PendingReview> reviews = store.all()) {
            reviews.forEachRemaining(all::add);
        }
        for (KeyValue<String, PendingReview> entry : all) {
            PendingReview review = entry.value;
            ReviewState state = review.getState();
            ReviewRequest request = state.getRequest();
            if (state.getStatus() != ReviewStatus.PENDING) {
                if (request.getDeadline() + keepFinished <= time) {
                    store.delete(entry.key);
                }
            } else if (request.getDeadline() <= time) {
                finish(review, state, Effect.DENY, ReviewStatus.EXPIRED, request.getPolicyVersion(), request.getMatchedRules(),
                        List.of("review expired at " + Instant.ofEpochMilli(request.getDeadline()) + " with "
                                + state.getVotes().size() + " of " + request.getApproval().getRequiredApprovals() + " approvals"),
                        request.getDeadline());
            } else if (policy.isPresent() && !policy.get().version().equals(request.getPolicyVersion())) {
                reconsider(review, policy.get(), time);
            }
        }
        policy.ifPresent(p -> checkedPolicy = p.version());
        survey();
    }

    /** True while a review of this chain is open: only then can the passing of time change anything. */
    boolean waiting() {
        return pending > 0;
    }

    /** True when a review is waiting for a deadline that {@code time} has reached, or for a policy not yet checked against it. */
    boolean due(long time) {
        return pending > 0 && (nextDue <= time || policy().map(p -> !p.version().equals(checkedPolicy)).orElse(false));
    }

    /**
     * The policy in force now says what happens to a review opened under another: a call it denies
     * is denied, a call it allows is allowed (the policy no longer asks a human), a call it still
     * sends to review waits on as it was. Rate limits were counted when the call was proposed, so
     * they are not counted again.
     */
    private void reconsider(PendingReview review, Policy policy, long time) {
        Decision decision;
        try {
            decision = EvaluateProcessor.decide(engine, review.getProposed(), policy, RateCounts.NONE);
        } catch (RuntimeException e) {
            // As for a new intent: a call the policy cannot evaluate is denied, and the task goes on.
            decision = Decision.failedClosed(e.getClass().getSimpleName());
        }
        if (decision.effect() == dev.mcpgw.policy.Effect.REVIEW) {
            return;
        }
        Effect effect = Effect.valueOf(decision.effect().name());
        List<String> reasons = new ArrayList<>();
        reasons.add("the policy changed while the call was under review; policy " + policy.version() + " "
                + (effect == Effect.ALLOW ? "allows it without review" : "denies it"));
        reasons.addAll(decision.reasons());
        // What the new policy's detectors flag is kept out of the receipt too, on top of what was redacted before.
        Intent shown = IntentMapper.redacted(review.getState().getRequest().getIntent(), decision.redactedArguments());
        finish(review, review.getState(), shown, effect, effect == Effect.ALLOW ? ReviewStatus.APPROVED : ReviewStatus.DENIED,
                policy.version(), decision.matchedRules(), reasons, time);
    }

    private void finish(PendingReview review, ReviewState state, Effect effect, ReviewStatus status, String policyVersion,
                        List<String> matchedRules, List<String> reasons, long time) {
        finish(review, state, state.getRequest().getIntent(), effect, status, policyVersion, matchedRules, reasons, time);
    }

    private void finish(PendingReview review, ReviewState state, Intent intent, Effect effect, ReviewStatus status, String policyVersion,
                        List<String> matchedRules, List<String> reasons, long time) {
        List<ReceiptRef> votes = state.getVotes().stream().map(ReviewVote::getReceipt).toList();
        Receipt decision = out.chain(UnsealedReceipts.finalDecision(state.getRequest(), intent, effect, status, policyVersion, matchedRules,
                reasons, votes, time), time);
        save(review, ReviewState.newBuilder(state).setStatus(status).setFinalReceipt(reference(decision)).setReason(reasons.get(0))
                .setUpdatedAt(time).build(), time);
        if (effect == Effect.ALLOW) {
            // An approved authorization/propose carries its single-use authorization from the approval on.
            authorizations.grant(review.getProposed(), intent, policyVersion, matchedRules, time);
        }
        pending--;
    }

    private void save(PendingReview review, ReviewState state, long time) {
        review.setState(state);
        store.put(state.getIntentId(), review);
        out.state(state, time);
    }

    private Optional<String> refusal(PendingReview review, ReviewVerdict verdict) {
        ReviewState state = review.getState();
        if (state.getStatus() == ReviewStatus.EXPIRED) {
            return Optional.of("verdict refused: the review had expired");
        }
        if (state.getStatus() != ReviewStatus.PENDING) {
            return Optional.of("verdict refused: the review had already ended (" + state.getStatus().name().toLowerCase() + ")");
        }
        ApprovalSettings approval = state.getRequest().getApproval();
        if (!Approvers.allowed(approval, verdict, review.getProposed().getAgent().getId())) {
            boolean channelClosed = Approvers.ELICITATION.equals(verdict.getChannel()) && !Approvers.asksCallingUser(approval);
            return Optional.of("verdict refused: " + verdict.getApprover() + " may not approve this call"
                    + (channelClosed ? " (its rule does not let the calling client's user approve)" : ""));
        }
        if (state.getVotes().stream().anyMatch(v -> v.getApprover().equals(verdict.getApprover()))) {
            return Optional.of("verdict refused: " + verdict.getApprover() + " has already given a verdict on this call");
        }
        return Optional.empty();
    }

    /** Recounts the pending reviews and the next time something is due, from the store. */
    private void survey() {
        int count = 0;
        long due = Long.MAX_VALUE;
        try (KeyValueIterator<String, PendingReview> reviews = store.all()) {
            while (reviews.hasNext()) {
                ReviewState state = reviews.next().value.getState();
                boolean open = state.getStatus() == ReviewStatus.PENDING;
                count += open ? 1 : 0;
                due = Math.min(due, state.getRequest().getDeadline() + (open ? 0 : keepFinished));
            }
        }
        pending = count;
        nextDue = due;
    }

    private Optional<Policy> policy() {
        try {
            return activePolicy.resolve(policies.get(Topics.ACTIVE_POLICY_KEY));
        } catch (PolicyException | RuntimeException e) {
            // The evaluate step reports a policy that does not load; the reviews keep the one they were opened under.
            return Optional.empty();
        }
    }

    private static String who(ReviewVote vote) {
        return vote.getApprover() + " (" + vote.getChannel() + ")";
    }

    private static ReceiptRef reference(Receipt receipt) {
        return new ReceiptRef(receipt.getChain(), receipt.getSequence(), receipt.getHash());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
