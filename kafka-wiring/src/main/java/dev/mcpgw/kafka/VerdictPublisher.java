package dev.mcpgw.kafka;

import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.VerdictAuthenticator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Seals a review verdict with the verdict key and writes it to gateway.review-verdict, keyed by the
 * intent's agent id (so the default partitioner puts it where gateway.propose put the intent and
 * the stream task holding the review reads it). Shared by the review service (web, cli) and the
 * edge (elicitation): whoever holds this key can approve calls, so only they may.
 */
public final class VerdictPublisher implements AutoCloseable {
    public static final long SEND_TIMEOUT_SECONDS = 10;

    private final VerdictAuthenticator authenticator;
    private final KafkaProducer<String, ReviewVerdict> producer;

    /** One answer on a review, as its approver gave it. */
    public record Answer(String intentId, String agentId, boolean approved, String approver, List<String> approverGroups, String comment,
                         String channel, long time) {
    }

    public VerdictPublisher(String bootstrapServers, VerdictAuthenticator authenticator) {
        this.authenticator = authenticator;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(SEND_TIMEOUT_SECONDS),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(SEND_TIMEOUT_SECONDS) - 1000),
                Topics.REVIEW_VERDICT.keySerde().serializer(), Topics.REVIEW_VERDICT.valueSerde().serializer());
    }

    /** Seals {@code answer} under a fresh verdict id and sends it; the future completes once the broker has it. */
    public CompletableFuture<ReviewVerdict> publish(Answer answer) {
        ReviewVerdict verdict = authenticator.seal(ReviewVerdict.newBuilder().setVerdictId(UUID.randomUUID().toString())
                .setIntentId(answer.intentId()).setApproved(answer.approved()).setApprover(answer.approver())
                .setApproverGroups(answer.approverGroups()).setComment(answer.comment()).setChannel(answer.channel())
                .setTime(answer.time()).build());
        CompletableFuture<ReviewVerdict> sent = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(Topics.REVIEW_VERDICT.name(), answer.agentId(), verdict), (metadata, failure) -> {
            if (failure != null) {
                sent.completeExceptionally(failure);
            } else {
                sent.complete(verdict);
            }
        });
        return sent;
    }

    @Override
    public void close() {
        producer.close();
    }
}
