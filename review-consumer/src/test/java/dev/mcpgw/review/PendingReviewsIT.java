package dev.mcpgw.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.Topics;
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
        ReviewRequest request = new ReviewRequest("needs-a-human", intent, List.of("payments"), List.of("sent to review by rule payments"),
                "v1", new ReceiptRef("propose-0", 0L, "ab"));
        // when
        try (PendingReviews reviews = new PendingReviews(SharedKafka.bootstrapServers()).start()) {
            TopicIO.write(Topics.REVIEW_REQUEST, "needs-a-human", request, 1L);
            // then
            await().atMost(Duration.ofSeconds(30)).until(() -> !reviews.pending().isEmpty());
            assertThat(reviews.pending()).containsExactly(request);
        }
    }
}
