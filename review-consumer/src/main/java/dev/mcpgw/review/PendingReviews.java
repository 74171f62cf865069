package dev.mcpgw.review;

import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.PollLoop;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.ReviewRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approver's queue: a view of gateway.review-request, rebuilt from the topic's beginning on
 * every start, logging each request as it arrives. Verdicts and the edge waiting on them are not
 * built yet (see README).
 */
public final class PendingReviews implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PendingReviews.class);

    private final Map<String, ReviewRequest> pending = new ConcurrentHashMap<>();
    private final PollLoop<String, ReviewRequest> loop;

    public PendingReviews(String bootstrapServers, DeadLetterReporter deadLetters) {
        this.loop = new PollLoop<>("review-consumer",
                TopicConsumers.fromBeginning(bootstrapServers, Topics.REVIEW_REQUEST.name(), Topics.REVIEW_REQUEST), this::queue, deadLetters);
    }

    public PendingReviews start() {
        loop.start();
        return this;
    }

    private void queue(ConsumerRecord<String, ReviewRequest> record) {
        ReviewRequest request = record.value();
        pending.put(request.getIntentId(), request);
        LOG.info("review requested: intent {} by {} for {}/{} ({})", request.getIntentId(),
                request.getIntent().getAgent().getId(), request.getIntent().getServer(),
                request.getIntent().getTool(), String.join("; ", request.getReasons()));
    }

    public List<ReviewRequest> pending() {
        return List.copyOf(pending.values());
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
    }
}
