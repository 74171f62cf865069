package dev.mcpgw.review;

import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.PollLoop;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.kafka.trace.IntentLogFields;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewState;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every review as it stands, rebuilt on each start from gateway.review-request (what waits for a
 * human) and gateway.review-state (what the decision stream made of it). A request whose state has
 * not arrived yet is pending; a state carries its own request, so a review is known from either.
 * Unreadable records on either topic are reported as dead letters and passed over.
 */
public final class ReviewBoard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewBoard.class);
    private static final int HISTORY = 200;

    private final Map<String, ReviewRequest> requests = new ConcurrentHashMap<>();
    private final Map<String, ReviewState> states = new ConcurrentHashMap<>();
    private final PollLoop<String, ReviewRequest> requestLoop;
    private final PollLoop<String, ReviewState> stateLoop;

    public ReviewBoard(String bootstrapServers, DeadLetterReporter deadLetters) {
        this.requestLoop = new PollLoop<>("review-requests",
                TopicConsumers.fromBeginning(bootstrapServers, Topics.REVIEW_REQUEST.name(), Topics.REVIEW_REQUEST), this::request, deadLetters);
        this.stateLoop = new PollLoop<>("review-states",
                TopicConsumers.fromBeginning(bootstrapServers, Topics.REVIEW_STATE.name(), Topics.REVIEW_STATE), this::state, deadLetters);
    }

    public ReviewBoard start() {
        requestLoop.start();
        stateLoop.start();
        return this;
    }

    private void request(ConsumerRecord<String, ReviewRequest> record) {
        ReviewRequest request = record.value();
        requests.put(request.getIntentId(), request);
        try (IntentLogFields fields = IntentLogFields.of(request.getIntent())) {
            LOG.info("review requested: intent {} by {} for {}/{}", request.getIntentId(),
                    request.getIntent().getAgent().getId(), request.getIntent().getServer(), request.getIntent().getTool());
        }
    }

    private void state(ConsumerRecord<String, ReviewState> record) {
        ReviewState state = record.value();
        states.put(state.getIntentId(), state);
    }

    public Optional<Review> find(String intentId) {
        ReviewState state = states.get(intentId);
        ReviewRequest request = state != null ? state.getRequest() : requests.get(intentId);
        return request == null ? Optional.empty() : Optional.of(new Review(request, state));
    }

    /** Reviews waiting for verdicts, newest intent first. */
    public List<Review> pending() {
        return all().filter(Review::isPending)
                .sorted(Comparator.comparingLong((Review r) -> r.request().getIntent().getEventTime()).reversed()).toList();
    }

    /** Finished reviews (approved, denied, expired), most recently finished first. */
    public List<Review> history() {
        return all().filter(review -> !review.isPending())
                .sorted(Comparator.comparingLong(Review::updatedAt).reversed()).limit(HISTORY).toList();
    }

    private Stream<Review> all() {
        Set<String> ids = new HashSet<>(requests.keySet());
        ids.addAll(states.keySet());
        return ids.stream().map(this::find).flatMap(Optional::stream);
    }

    /** Whether both topics are still being read. */
    public boolean isRunning() {
        return requestLoop.isAlive() && stateLoop.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        requestLoop.close();
        stateLoop.close();
    }
}
