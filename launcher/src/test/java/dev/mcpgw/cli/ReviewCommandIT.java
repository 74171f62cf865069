package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.review.ReviewService;
import dev.mcpgw.review.ReviewSettings;
import dev.mcpgw.review.approver.ApproverCredential;
import dev.mcpgw.review.approver.ApproverDirectory;
import dev.mcpgw.schemas.ApprovalSettings;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReviewCommandIT {
    private static final byte[] KEY = SecretKeyFile.random();
    private static DeadLetters deadLetters;
    private static ReviewService service;
    @TempDir
    static Path dir;
    private static Path alicePassword;

    @BeforeAll
    static void start() throws Exception {
        deadLetters = new DeadLetters(SharedKafka.bootstrapServers());
        service = ReviewService.start(new ReviewSettings("127.0.0.1", 0, SharedKafka.bootstrapServers(),
                new ApproverDirectory(List.of(new ApproverCredential("alice", "alice-password", null, List.of("finance"), List.of()))),
                KEY, false), deadLetters);
        alicePassword = Files.writeString(dir.resolve("alice.pw"), "alice-password\n");
    }

    @AfterAll
    static void stop() {
        service.close();
        deadLetters.close();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run gateway(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new GatewayCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run asAlice(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", service.url(), "--approver", "alice", "--password-file", alicePassword.toString()));
        return gateway(all.toArray(String[]::new));
    }

    private static ReviewRequest pendingReview(String tool) {
        String intentId = UUID.randomUUID().toString();
        Intent intent = SampleIntents.intent().setIntentId(intentId).setAgent(SampleIntents.agent("cli-bot")).setServer("bank")
                .setTool(tool).setEventTime(System.currentTimeMillis()).build();
        ReviewRequest request = ReviewRequest.newBuilder().setIntentId(intentId).setIntent(intent).setMatchedRules(List.of("payments"))
                .setReasons(List.of("needs a human")).setPolicyVersion("v1").setReceipt(new ReceiptRef("propose-1", 3L, "ab"))
                .setApproval(ApprovalSettings.newBuilder().build()).setDeadline(System.currentTimeMillis() + 600_000).build();
        TopicIO.write(Topics.REVIEW_REQUEST, intentId, request, System.currentTimeMillis());
        await().atMost(Duration.ofSeconds(30)).until(() -> service.board().find(intentId).isPresent());
        return request;
    }

    private static ReviewVerdict written(String intentId) {
        return TopicIO.readUntil(Topics.REVIEW_VERDICT,
                        found -> found.stream().anyMatch(r -> r.value().getIntentId().equals(intentId)), Duration.ofSeconds(30))
                .stream().map(r -> r.value()).filter(v -> v.getIntentId().equals(intentId)).findFirst().orElseThrow();
    }

    @Test
    void shouldListPendingReviews() {
        ReviewRequest request = pendingReview("pay");

        Run run = asAlice("review", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(request.getIntentId()).contains("cli-bot").contains("bank/pay").contains("0 of 1").contains("payments");
    }

    @Test
    void shouldShowAToolNameWithTerminalEscapesAsPlainText() {
        ReviewRequest request = pendingReview("pay\u001b]0;owned\u0007\u001b[2J");

        Run run = asAlice("review", "list");

        assertThat(run.out()).contains(request.getIntentId()).contains("bank/pay?]0;owned??[2J").doesNotContain("\u001b");
    }

    @Test
    void shouldApproveAReviewAsTheApproverThroughTheCliChannel() {
        ReviewRequest request = pendingReview("pay");

        Run run = asAlice("review", "approve", request.getIntentId(), "--comment", "invoice checked");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("approved review " + request.getIntentId());
        ReviewVerdict verdict = written(request.getIntentId());
        assertThat(verdict.getApproved()).isTrue();
        assertThat(verdict.getApprover()).isEqualTo("alice");
        assertThat(verdict.getChannel()).isEqualTo("cli");
        assertThat(verdict.getComment()).isEqualTo("invoice checked");
        assertThat(new VerdictAuthenticator(KEY).verify(verdict)).isTrue();
        assertThat(run.out()).contains(verdict.getVerdictId());
    }

    @Test
    void shouldDenyAReview() {
        ReviewRequest request = pendingReview("pay");

        Run run = asAlice("review", "deny", request.getIntentId());

        assertThat(run.exitCode()).isZero();
        assertThat(written(request.getIntentId()).getApproved()).isFalse();
    }

    @Test
    void shouldSayWhyASecondVerdictIsRefused() {
        ReviewRequest request = pendingReview("pay");
        asAlice("review", "approve", request.getIntentId());

        Run again = asAlice("review", "deny", request.getIntentId());

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("gateway review: approver alice has already given a verdict on review " + request.getIntentId());
    }

    @Test
    void shouldSayWhenTheReviewIsUnknown() {
        Run run = asAlice("review", "approve", "no-such-review");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no review has the id no-such-review");
    }

    @Test
    void shouldSayWhenThePasswordIsWrong() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.pw"), "not-alices-password");

        Run run = gateway("review", "list", "--url", service.url(), "--approver", "alice", "--password-file", wrong.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("wrong approver or password").doesNotContain("not-alices-password");
    }

    @Test
    void shouldAskWhoIsApprovingWhenNoApproverIsGiven() {
        Run run = gateway("review", "list", "--url", service.url(), "--password-file", alicePassword.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("pass --approver ID or set MCPGW_APPROVER");
    }

    @Test
    void shouldSayWhenTheReviewServiceCannotBeReached() {
        Run run = gateway("review", "list", "--url", "http://127.0.0.1:1", "--approver", "alice", "--password-file", alicePassword.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach the review service at http://127.0.0.1:1");
    }

    @Test
    void shouldHashAPasswordForTheConfig() {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream("a-long-password\n".getBytes(StandardCharsets.UTF_8)));
        Run run;
        try {
            run = gateway("review", "hash-password");
        } finally {
            System.setIn(stdin);
        }

        String hash = run.out().strip();
        assertThat(new ApproverDirectory(List.of(new ApproverCredential("carol", null, hash, List.of(), List.of())))
                .authenticate("carol", "a-long-password")).isPresent();
    }
}
