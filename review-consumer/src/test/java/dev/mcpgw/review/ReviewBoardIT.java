package dev.mcpgw.review;

import static dev.mcpgw.review.SampleReviews.approvedBy;
import static dev.mcpgw.review.SampleReviews.published;
import static dev.mcpgw.review.SampleReviews.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.kafka.trace.IntentLogFields;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewStatus;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReviewBoardIT {

    private static boolean pendingHas(ReviewBoard board, ReviewRequest request) {
        return board.pending().stream().anyMatch(r -> r.intentId().equals(request.getIntentId()));
    }

    @Test
    void shouldShowARequestedReviewAsPendingBeforeItsStateArrives() throws Exception {
        try (DeadLetters deadLetters = new DeadLetters(SharedKafka.bootstrapServers());
             ReviewBoard board = new ReviewBoard(SharedKafka.bootstrapServers(), deadLetters).start()) {
            ReviewRequest request = published(request("bot", "{\"amount\":10}"));

            await().atMost(Duration.ofSeconds(30)).until(() -> pendingHas(board, request));
            assertThat(board.find(request.getIntentId()).orElseThrow().request()).isEqualTo(request);
        }
    }

    @Test
    void shouldLogARequestedReviewWithItsIntentIdAndTheTraceItsClientNamed() throws Exception {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger log = (Logger) LoggerFactory.getLogger(ReviewBoard.class);
        lines.start();
        log.addAppender(lines);
        try (DeadLetters deadLetters = new DeadLetters(SharedKafka.bootstrapServers());
             ReviewBoard board = new ReviewBoard(SharedKafka.bootstrapServers(), deadLetters).start()) {
            // given
            ReviewRequest request = request("bot", "{}");
            request.getIntent().setTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

            // when
            published(request);

            // then
            await().atMost(Duration.ofSeconds(30)).until(() -> pendingHas(board, request));
            Map<String, String> fields = await().atMost(Duration.ofSeconds(5)).until(() -> List.copyOf(lines.list).stream()
                    .map(ILoggingEvent::getMDCPropertyMap)
                    .filter(mdc -> request.getIntentId().equals(mdc.get(IntentLogFields.INTENT_ID))).findFirst(), Optional::isPresent).orElseThrow();
            assertThat(fields).containsEntry(IntentLogFields.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736");
        } finally {
            log.detachAppender(lines);
        }
    }

    @Test
    void shouldMoveAReviewToTheHistoryOnceTheStreamFinishesIt() throws Exception {
        try (DeadLetters deadLetters = new DeadLetters(SharedKafka.bootstrapServers());
             ReviewBoard board = new ReviewBoard(SharedKafka.bootstrapServers(), deadLetters).start()) {
            ReviewRequest request = published(request("bot", "{}"));
            await().atMost(Duration.ofSeconds(30)).until(() -> pendingHas(board, request));

            published(approvedBy(request, "alice"));

            await().atMost(Duration.ofSeconds(30)).until(() -> board.history().stream().anyMatch(r -> r.intentId().equals(request.getIntentId())));
            assertThat(pendingHas(board, request)).isFalse();
            assertThat(board.find(request.getIntentId()).orElseThrow().status()).isEqualTo(ReviewStatus.APPROVED);
        }
    }

    @Test
    void shouldKnowAReviewFromItsStateAlone() throws Exception {
        try (DeadLetters deadLetters = new DeadLetters(SharedKafka.bootstrapServers());
             ReviewBoard board = new ReviewBoard(SharedKafka.bootstrapServers(), deadLetters).start()) {
            ReviewRequest request = request("bot", "{}");
            published(approvedBy(request, "alice"));

            await().atMost(Duration.ofSeconds(30)).until(() -> board.find(request.getIntentId()).isPresent());
            assertThat(board.find(request.getIntentId()).orElseThrow().votes()).extracting(v -> v.getApprover()).containsExactly("alice");
        }
    }

    @Test
    void shouldPassOverGarbageOnTheRequestTopicAndReadTheNextRequest() throws Exception {
        try (DeadLetters deadLetters = new DeadLetters(SharedKafka.bootstrapServers());
             ReviewBoard board = new ReviewBoard(SharedKafka.bootstrapServers(), deadLetters).start()) {
            TopicIO.writeBytes(Topics.REVIEW_REQUEST.name(), "garbage", new byte[] {(byte) 0xff, 0x01, 0x02});
            ReviewRequest request = published(request("bot", "{}"));

            await().atMost(Duration.ofSeconds(30)).until(() -> pendingHas(board, request));
            assertThat(deadLetters.count()).isGreaterThanOrEqualTo(1);
            assertThat(board.isRunning()).isTrue();
        }
    }

    @Test
    void shouldPassOverGarbageAndTombstonesOnTheStateTopicAndReadTheNextState() throws Exception {
        try (DeadLetters deadLetters = new DeadLetters(SharedKafka.bootstrapServers());
             ReviewBoard board = new ReviewBoard(SharedKafka.bootstrapServers(), deadLetters).start()) {
            ReviewRequest request = published(request("bot", "{}"));
            await().atMost(Duration.ofSeconds(30)).until(() -> pendingHas(board, request));
            long before = deadLetters.count();

            TopicIO.writeBytes(Topics.REVIEW_STATE.name(), request.getIntentId(), new byte[] {(byte) 0xc3, 0x01, 0x7f, 0x00});
            TopicIO.writeBytes(Topics.REVIEW_STATE.name(), request.getIntentId(), null);
            published(approvedBy(request, "alice"));

            await().atMost(Duration.ofSeconds(30)).until(() -> !pendingHas(board, request));
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count() >= before + 2);
            assertThat(board.find(request.getIntentId()).orElseThrow().status()).isEqualTo(ReviewStatus.APPROVED);
            assertThat(board.isRunning()).isTrue();
        }
    }
}
