package dev.mcpgw.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingReviewsIT {

    @Test
    void shouldQueueEveryReviewRequestFromTheTopic() throws Exception {
        // given
        Intent intent = SampleIntents.intent().setIntentId("needs-a-human").setAgent(SampleIntents.agent("bot"))
                .setServer("bank").setTool("pay").setArgumentsJson("{\"amount\":10}").build();
        ReviewRequest request = ReviewRequest.newBuilder().setIntentId("needs-a-human").setIntent(intent)
                .setMatchedRules(List.of("payments")).setReasons(List.of("sent to review by rule payments"))
                .setPolicyVersion("v1").setReceipt(new ReceiptRef("propose-0", 0L, "ab")).build();
        // when
        try (DeadLetters deadLetters = new DeadLetters(SharedKafka.bootstrapServers());
             PendingReviews reviews = new PendingReviews(SharedKafka.bootstrapServers(), deadLetters).start()) {
            TopicIO.write(Topics.REVIEW_REQUEST, "needs-a-human", request, 1L);
            // then
            await().atMost(Duration.ofSeconds(30)).until(() -> !reviews.pending().isEmpty());
            assertThat(reviews.pending()).contains(request);
        }
    }

    @Test
    void shouldPassOverAnUnreadableReviewRequestAndQueueTheNextOne() throws Exception {
        Intent intent = SampleIntents.intent().setIntentId("after-garbage").build();
        ReviewRequest request = ReviewRequest.newBuilder().setIntentId("after-garbage").setIntent(intent)
                .setMatchedRules(List.of("r")).setReasons(List.of("why"))
                .setPolicyVersion("v1").setReceipt(new ReceiptRef("propose-0", 1L, "cd")).build();
        try (DeadLetters deadLetters = new DeadLetters(SharedKafka.bootstrapServers());
             PendingReviews reviews = new PendingReviews(SharedKafka.bootstrapServers(), deadLetters).start()) {
            TopicIO.writeBytes(Topics.REVIEW_REQUEST.name(), "garbage", new byte[] {(byte) 0xff, 0x01, 0x02});
            TopicIO.write(Topics.REVIEW_REQUEST, "after-garbage", request, 2L);

            await().atMost(Duration.ofSeconds(30)).until(() -> reviews.pending().contains(request));
            assertThat(deadLetters.count()).isGreaterThanOrEqualTo(1);
        }
    }
}
