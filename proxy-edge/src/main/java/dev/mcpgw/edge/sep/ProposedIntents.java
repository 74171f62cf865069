package dev.mcpgw.edge.sep;

import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Intent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization/propose intents this edge instance published, by intent id, with their
 * decisions as they come: the first (ALLOW, DENY or REVIEW), then a review's final one. An intent
 * is found only by the agent that proposed it; for anyone else it does not exist. Kept for
 * {@code keep} after it was proposed, and {@code capacity} at most (the oldest go first): a
 * forgotten intent is unknown here, while its receipts stay on the chain. Event loop only.
 */
public final class ProposedIntents {
    private final Vertx vertx;
    private final Clock clock;
    private final Duration keep;
    private final int capacity;
    private final Map<String, Proposed> byId = new LinkedHashMap<>();

    public ProposedIntents(Vertx vertx, Clock clock, Duration keep, int capacity) {
        this.vertx = vertx;
        this.clock = clock;
        this.keep = keep;
        this.capacity = capacity;
    }

    /**
     * One proposed intent: as published, the envelope id its client gave, its first decision, and
     * its latest one (a REVIEW's final decision once it came), each with when this edge had it.
     */
    public static final class Proposed {
        private final Intent intent;
        private final String envelopeId;
        private final Future<Decision> first;
        private final Future<Decision> last;
        private long lastArrivedAt;

        Proposed(Intent intent, String envelopeId, Future<Decision> first, Future<Decision> last) {
            this.intent = intent;
            this.envelopeId = envelopeId;
            this.first = first;
            this.last = last;
        }

        public Intent intent() {
            return intent;
        }

        public String envelopeId() {
            return envelopeId;
        }

        /** The latest decision, if any came; failed when none could be had. */
        public Optional<Decision> decision() {
            return Optional.ofNullable(last.succeeded() ? last.result() : first.succeeded() ? first.result() : null);
        }

        /** Why no decision could be had, if so. */
        public Optional<Throwable> failure() {
            return Optional.ofNullable(first.failed() ? first.cause() : null);
        }

        /** When this edge had the latest decision (epoch ms, its clock); for a first decision, the intent's event time. */
        public long decidedAt() {
            return last.succeeded() && lastArrivedAt != 0 ? lastArrivedAt : intent.getEventTime();
        }

        Future<Decision> first() {
            return first;
        }

        Future<Decision> last() {
            return last;
        }
    }

    /** Remembers {@code intent}, whose first decision {@code first} brings and whose final one {@code last} does. */
    public Proposed add(Intent intent, String envelopeId, Future<Decision> first, Future<Decision> last) {
        forgetOld();
        Proposed proposed = new Proposed(intent, envelopeId, first, last);
        last.onSuccess(d -> proposed.lastArrivedAt = d == first.result() ? 0 : clock.millis());
        byId.put(intent.getIntentId(), proposed);
        return proposed;
    }

    /** The intent {@code intentId} if {@code agentId} proposed it through this edge, and it is still kept. */
    public Optional<Proposed> find(String agentId, String intentId) {
        forgetOld();
        return Optional.ofNullable(byId.get(intentId)).filter(p -> p.intent.getAgent().getId().equals(agentId));
    }

    /** Completes when {@code proposed} has its first decision (or none can be had), or after {@code bound}, whichever is sooner. */
    public Future<Proposed> firstDecision(Proposed proposed, Duration bound) {
        return settled(proposed, proposed.first(), bound);
    }

    /** Completes when {@code proposed} has its final decision (or none can be had), or after {@code bound}, whichever is sooner. */
    public Future<Proposed> finalDecision(Proposed proposed, Duration bound) {
        return settled(proposed, proposed.last(), bound);
    }

    private Future<Proposed> settled(Proposed proposed, Future<Decision> decision, Duration bound) {
        if (decision.isComplete() || bound.isZero()) {
            return Future.succeededFuture(proposed);
        }
        Promise<Proposed> settled = Promise.promise();
        long timer = vertx.setTimer(bound.toMillis(), t -> settled.tryComplete(proposed));
        decision.onComplete(r -> {
            vertx.cancelTimer(timer);
            settled.tryComplete(proposed);
        });
        return settled.future();
    }

    private void forgetOld() {
        long before = clock.millis() - keep.toMillis();
        Iterator<Proposed> oldest = byId.values().iterator();
        while (oldest.hasNext()) {
            Proposed next = oldest.next();
            if (byId.size() < capacity && next.intent.getEventTime() >= before) {
                return;
            }
            oldest.remove();
        }
    }
}
