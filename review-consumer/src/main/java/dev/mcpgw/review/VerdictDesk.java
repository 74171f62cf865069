package dev.mcpgw.review;

import dev.mcpgw.kafka.VerdictPublisher;
import dev.mcpgw.kafka.trace.IntentLogFields;
import dev.mcpgw.review.approver.Approver;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.VerdictAuthenticator;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an approver's answer into a sealed verdict on gateway.review-verdict, keyed by the intent's
 * agent id (so the default partitioner puts it where gateway.propose put the intent). It refuses,
 * with a message for the approver, what the decision stream would refuse anyway: an unknown or
 * finished review, one past its deadline, an approver the rule does not name, a second verdict by
 * the same approver, and a comment over {@link #MAX_COMMENT} characters.
 */
public final class VerdictDesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VerdictDesk.class);
    public static final int MAX_COMMENT = 1000;

    private final ReviewBoard board;
    private final Clock clock;
    private final VerdictPublisher publisher;
    /** Verdicts sent but maybe not in the review's state yet, so a double click is refused at once; forgotten once the review ends. */
    private final Set<Sent> sent = new HashSet<>();

    private record Sent(String intentId, String approver) {
    }

    public VerdictDesk(String bootstrapServers, ReviewBoard board, VerdictAuthenticator authenticator, Clock clock) {
        this.board = board;
        this.clock = clock;
        this.publisher = new VerdictPublisher(bootstrapServers, authenticator);
    }

    /**
     * Sends {@code approver}'s verdict on review {@code intentId} and returns it once the broker
     * has it. Blocking: call it off the event loop. One at a time, so two clicks cannot both pass
     * the check for an earlier verdict.
     */
    public synchronized ReviewVerdict give(Approver approver, String intentId, boolean approved, String comment, String channel)
            throws VerdictRefused {
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        if (note != null && note.length() > MAX_COMMENT) {
            throw new VerdictRefused(400, "a comment may have at most " + MAX_COMMENT + " characters (this one has " + note.length() + ")");
        }
        Review review = board.find(intentId).orElseThrow(() -> new VerdictRefused(404, "no review has the id " + intentId));
        if (!review.isPending()) {
            throw new VerdictRefused(409, "review " + intentId + " is already finished: " + review.status());
        }
        long now = clock.millis();
        if (review.deadline() > 0 && now >= review.deadline()) {
            throw new VerdictRefused(409, "review " + intentId + " is past its deadline; the call will be denied");
        }
        if (!approver.mayApproveFor(review.request().getApproval().getApprovers())) {
            throw new VerdictRefused(403, "approver " + approver.id() + " is not among those this review asks for: "
                    + String.join(", ", review.request().getApproval().getApprovers()));
        }
        if (hasAnswered(review, approver)) {
            throw new VerdictRefused(409, "approver " + approver.id() + " has already given a verdict on review " + intentId);
        }
        ReviewVerdict verdict = send(new VerdictPublisher.Answer(intentId, review.request().getIntent().getAgent().getId(), approved,
                approver.id(), approver.memberships(), note, channel, now), review.request().getIntent());
        sent.removeIf(mark -> board.find(mark.intentId()).map(r -> !r.isPending()).orElse(true));
        sent.add(new Sent(intentId, approver.id()));
        try (IntentLogFields fields = IntentLogFields.of(review.request().getIntent())) {
            LOG.info("verdict {}: {} {} review {} through {}", verdict.getVerdictId(), approver.id(), approved ? "approved" : "denied",
                    intentId, channel);
        }
        return verdict;
    }

    /** Whether {@code approver} has given a verdict on {@code review}: recorded by the stream, or sent from here. */
    public synchronized boolean hasAnswered(Review review, Approver approver) {
        return review.hasVoteBy(approver.id()) || sent.contains(new Sent(review.intentId(), approver.id()));
    }

    private ReviewVerdict send(VerdictPublisher.Answer answer, Intent intent) throws VerdictRefused {
        try {
            return publisher.publish(answer).get(VerdictPublisher.SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            try (IntentLogFields fields = IntentLogFields.of(intent)) {
                LOG.warn("could not record the verdict of {} on review {}", answer.approver(), answer.intentId(), e);
            }
            throw new VerdictRefused(503, "Kafka did not confirm the verdict; look at the review before trying again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerdictRefused(503, "interrupted while recording the verdict; try again");
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}
