package dev.mcpgw.review;

import static dev.mcpgw.review.SampleReviews.approvedBy;
import static dev.mcpgw.review.SampleReviews.published;
import static dev.mcpgw.review.SampleReviews.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.review.approver.Approver;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerdictDeskIT {
    private static final Approver ALICE = new Approver("alice", List.of("finance"), List.of("lead"));
    private static final Approver BOB = new Approver("bob", List.of("ops"), List.of());

    private final byte[] key = SecretKeyFile.random();
    private DeadLetters deadLetters;
    private ReviewBoard board;
    private VerdictDesk desk;

    @BeforeEach
    void start() {
        deadLetters = new DeadLetters(SharedKafka.bootstrapServers());
        board = new ReviewBoard(SharedKafka.bootstrapServers(), deadLetters).start();
        desk = new VerdictDesk(SharedKafka.bootstrapServers(), board, new VerdictAuthenticator(key), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        desk.close();
        board.close();
        deadLetters.close();
    }

    private ReviewRequest onBoard(ReviewRequest request) {
        published(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> board.find(request.getIntentId()).isPresent());
        return request;
    }

    private static ConsumerRecord<String, ReviewVerdict> written(ReviewVerdict verdict) {
        List<ConsumerRecord<String, ReviewVerdict>> records = TopicIO.readUntil(Topics.REVIEW_VERDICT,
                found -> found.stream().anyMatch(r -> r.value().getVerdictId().equals(verdict.getVerdictId())), Duration.ofSeconds(30));
        return records.stream().filter(r -> r.value().getVerdictId().equals(verdict.getVerdictId())).findFirst().orElseThrow();
    }

    @Test
    void shouldWriteASealedVerdictNamingTheApproverTheirGroupsAndTheChannel() throws Exception {
        ReviewRequest request = onBoard(request("payer-bot", "{\"amount\":10}"));

        ReviewVerdict verdict = desk.give(ALICE, request.getIntentId(), true, "  checked the invoice  ", "web");

        ReviewVerdict onTopic = written(verdict).value();
        assertThat(onTopic).isEqualTo(verdict);
        assertThat(new VerdictAuthenticator(key).verify(onTopic)).isTrue();
        assertThat(onTopic.getApprover()).isEqualTo("alice");
        assertThat(onTopic.getApproverGroups()).containsExactly("group:finance", "role:lead");
        assertThat(onTopic.getApproved()).isTrue();
        assertThat(onTopic.getComment()).isEqualTo("checked the invoice");
        assertThat(onTopic.getChannel()).isEqualTo("web");
    }

    @Test
    void shouldKeyTheVerdictByTheAgentAndPutItOnThePartitionOfTheAgentsIntents() throws Exception {
        ReviewRequest request = onBoard(request("agent-with-a-partition", "{}"));
        Intent intent = request.getIntent();
        TopicIO.write(Topics.PROPOSE, intent.getAgent().getId(), intent, System.currentTimeMillis());
        int proposePartition = TopicIO.readUntil(Topics.PROPOSE,
                found -> found.stream().anyMatch(r -> r.value().getIntentId().equals(intent.getIntentId())), Duration.ofSeconds(30))
                .stream().filter(r -> r.value().getIntentId().equals(intent.getIntentId())).findFirst().orElseThrow().partition();

        ConsumerRecord<String, ReviewVerdict> record = written(desk.give(ALICE, request.getIntentId(), false, null, "cli"));

        assertThat(record.key()).isEqualTo("agent-with-a-partition");
        assertThat(record.partition()).isEqualTo(proposePartition);
        assertThat(record.value().getComment()).isNull();
    }

    @Test
    void shouldRefuseAReviewItDoesNotKnow() {
        assertThatThrownBy(() -> desk.give(ALICE, "no-such-review", true, null, "web"))
                .isInstanceOfSatisfying(VerdictRefused.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("no review has the id no-such-review");
    }

    @Test
    void shouldRefuseASecondVerdictByTheSameApprover() throws Exception {
        ReviewRequest request = onBoard(request("bot", "{}"));
        desk.give(ALICE, request.getIntentId(), true, null, "web");

        assertThatThrownBy(() -> desk.give(ALICE, request.getIntentId(), false, null, "cli"))
                .isInstanceOfSatisfying(VerdictRefused.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("alice has already given a verdict");
    }

    @Test
    void shouldRefuseAnApproverWhoseVoteTheStreamAlreadyRecorded() throws Exception {
        ReviewRequest request = request("bot", "{}");
        SampleReviews.published(SampleReviews.pendingWithVoteBy(request, "alice"));
        await().atMost(Duration.ofSeconds(30)).until(() -> board.find(request.getIntentId()).map(r -> r.hasVoteBy("alice")).orElse(false));

        assertThatThrownBy(() -> desk.give(ALICE, request.getIntentId(), true, null, "web"))
                .isInstanceOfSatisfying(VerdictRefused.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("alice has already given a verdict");
    }

    @Test
    void shouldRefuseAFinishedReview() throws Exception {
        ReviewRequest request = request("bot", "{}");
        SampleReviews.published(approvedBy(request, "carol"));
        await().atMost(Duration.ofSeconds(30)).until(() -> board.find(request.getIntentId()).isPresent());

        assertThatThrownBy(() -> desk.give(BOB, request.getIntentId(), true, null, "web"))
                .isInstanceOfSatisfying(VerdictRefused.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("already finished: APPROVED");
    }

    @Test
    void shouldRefuseAnApproverTheRuleDoesNotName() throws Exception {
        ReviewRequest request = onBoard(request("bot", "{}", List.of("group:finance", "carol"), System.currentTimeMillis() + SampleReviews.AN_HOUR));

        assertThatThrownBy(() -> desk.give(BOB, request.getIntentId(), true, null, "web"))
                .isInstanceOfSatisfying(VerdictRefused.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("bob is not among those this review asks for: group:finance, carol");
        assertThat(desk.give(ALICE, request.getIntentId(), true, null, "web").getApprover()).isEqualTo("alice");
    }

    @Test
    void shouldRefuseAVerdictPastTheDeadline() throws Exception {
        ReviewRequest request = onBoard(request("bot", "{}", List.of(), System.currentTimeMillis() - 1));

        assertThatThrownBy(() -> desk.give(ALICE, request.getIntentId(), true, null, "web"))
                .isInstanceOfSatisfying(VerdictRefused.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("past its deadline");
    }

    @Test
    void shouldRefuseACommentOverTheLimit() throws Exception {
        ReviewRequest request = onBoard(request("bot", "{}"));

        assertThatThrownBy(() -> desk.give(ALICE, request.getIntentId(), true, "x".repeat(VerdictDesk.MAX_COMMENT + 1), "web"))
                .isInstanceOfSatisfying(VerdictRefused.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("at most 1000 characters");
        assertThat(desk.give(ALICE, request.getIntentId(), true, "x".repeat(VerdictDesk.MAX_COMMENT), "web").getComment())
                .hasSize(VerdictDesk.MAX_COMMENT);
    }
}
