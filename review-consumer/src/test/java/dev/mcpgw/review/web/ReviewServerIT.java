package dev.mcpgw.review.web;

import static dev.mcpgw.review.SampleReviews.published;
import static dev.mcpgw.review.SampleReviews.request;
import static dev.mcpgw.review.web.ApproverBrowser.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.review.ReviewService;
import dev.mcpgw.review.ReviewSettings;
import dev.mcpgw.review.approver.ApproverCredential;
import dev.mcpgw.review.approver.ApproverDirectory;
import dev.mcpgw.schemas.ReviewRequest;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReviewServerIT {
    private static final ApproverDirectory APPROVERS = new ApproverDirectory(List.of(
            new ApproverCredential("alice", "alice-password", null, List.of("finance"), List.of()),
            new ApproverCredential("bob", "bob-password", null, List.of("ops"), List.of())));
    private final byte[] key = SecretKeyFile.random();
    private DeadLetters deadLetters;
    private ReviewService service;

    private ApproverBrowser start(boolean secureCookies) {
        deadLetters = new DeadLetters(SharedKafka.bootstrapServers());
        service = ReviewService.start(new ReviewSettings("127.0.0.1", 0, SharedKafka.bootstrapServers(), APPROVERS, key, secureCookies),
                deadLetters);
        return new ApproverBrowser(service.url());
    }

    private ApproverBrowser start() {
        return start(false);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
            deadLetters.close();
        }
    }

    private ReviewRequest onBoard(ReviewRequest request) {
        published(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> service.board().find(request.getIntentId()).isPresent());
        return request;
    }

    private static ReviewVerdict written(String verdictId) {
        return TopicIO.readUntil(Topics.REVIEW_VERDICT,
                        found -> found.stream().anyMatch(r -> r.value().getVerdictId().equals(verdictId)), Duration.ofSeconds(30))
                .stream().map(r -> r.value()).filter(v -> v.getVerdictId().equals(verdictId)).findFirst().orElseThrow();
    }

    // --- signing in ----------------------------------------------------------------------------

    @Test
    void shouldSignInAnApproverWithAnHttpOnlySameSiteStrictSessionCookie() throws Exception {
        ApproverBrowser browser = start();

        HttpResponse<String> response = browser.signIn("alice", "alice-password");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains("/");
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ReviewServer.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").doesNotContainIgnoringCase("Secure");
        assertThat(browser.get("/").body()).contains("signed in as <strong id=\"approver\">alice</strong>");
    }

    @Test
    void shouldAnswerInHttp11ABrowserThatAsksToUpgradeToHttp2() throws Exception {
        // ApproverBrowser is the JDK's client as the review CLI uses it: it asks to upgrade by default.
        ApproverBrowser browser = start();

        HttpResponse<String> page = browser.get("/login");

        assertThat(page.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(page.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldMarkTheSessionCookieSecureWhenConfiguredForHttps() throws Exception {
        ApproverBrowser browser = start(true);

        HttpResponse<String> response = browser.signIn("alice", "alice-password");

        assertThat(response.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith(ReviewServer.SESSION_COOKIE + "="))
                .singleElement().asString().containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
    }

    @Test
    void shouldRefuseAWrongPassword() throws Exception {
        ApproverBrowser browser = start();

        HttpResponse<String> response = browser.signIn("alice", "alice-passwore");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Wrong approver or password.");
        assertThat(browser.hasCookie(ReviewServer.SESSION_COOKIE)).isFalse();
    }

    @Test
    void shouldNotSignInAnAgentWithItsApiKey() throws Exception {
        ApproverBrowser browser = start();

        assertThat(browser.signIn("demo-agent", "demo-agent-key").statusCode()).isEqualTo(401);
        assertThat(browser.hasCookie(ReviewServer.SESSION_COOKIE)).isFalse();
    }

    @Test
    void shouldRefuseAnAgentsApiKeyOnTheApi() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest request = onBoard(request("bot", "{}"));

        HttpResponse<String> list = browser.api("GET", "/api/reviews", "Bearer demo-agent-key", null);
        HttpResponse<String> approve = browser.api("POST", "/api/reviews/" + request.getIntentId() + "/approve", "Bearer demo-agent-key", "{}");

        assertThat(list.statusCode()).isEqualTo(401);
        assertThat(approve.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(approve.body()).getString("error")).contains("an agent's API key is not one");
        assertThat(list.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void shouldRefuseASignInBodyOverTheLimit() throws Exception {
        ApproverBrowser browser = start();
        String token = ApproverBrowser.csrfOf(browser.get("/login").body());

        HttpResponse<String> response = browser.postRaw("/login", "csrf=" + token + "&approver=alice&password=" + "x".repeat(200_000));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(browser.hasCookie(ReviewServer.SESSION_COOKIE)).isFalse();
    }

    @Test
    void shouldMakeAnAddressWaitAfterFiveFailedSignInsEvenWithTheRightPassword() throws Exception {
        ApproverBrowser browser = start();
        for (int i = 0; i < 5; i++) {
            assertThat(browser.signIn("alice", "wrong-" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> response = browser.signIn("alice", "alice-password");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("Too many failed sign-ins");
        assertThat(browser.api("GET", "/api/reviews", basic("bob", "bob-password"), null).statusCode()).isEqualTo(429);
    }

    @Test
    void shouldThrottleGuessesSentAllAtOnce() throws Exception {
        ApproverBrowser browser = start();
        List<CompletableFuture<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String guess = "guess-" + i;
            guesses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return browser.api("GET", "/api/reviews", basic("alice", guess), null).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }

        List<Integer> statuses = guesses.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).filteredOn(status -> status != 429).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void shouldRefuseASignInPostThatDidNotComeFromTheSignInForm() throws Exception {
        ApproverBrowser browser = start();

        HttpResponse<String> response = browser.postForm("/login", Map.of("approver", "alice", "password", "alice-password"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(browser.hasCookie(ReviewServer.SESSION_COOKIE)).isFalse();
    }

    @Test
    void shouldSendAVisitorWhoIsNotSignedInToTheSignInPage() throws Exception {
        ApproverBrowser browser = start();

        assertThat(browser.get("/").headers().firstValue("Location")).contains("/login");
        assertThat(browser.get("/board").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldEndTheSessionOnSignOut() throws Exception {
        ApproverBrowser browser = start();
        browser.signIn("alice", "alice-password");

        assertThat(browser.postForm("/logout", Map.of("csrf", browser.pageToken())).statusCode()).isEqualTo(303);

        assertThat(browser.get("/").headers().firstValue("Location")).contains("/login");
    }

    // --- CSRF and hostile content ----------------------------------------------------------------

    @Test
    void shouldRefuseAForgedVerdictPostWithoutTheCsrfToken() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest request = onBoard(request("bot", "{}"));
        browser.signIn("alice", "alice-password");

        HttpResponse<String> forged = browser.postForm("/verdict", Map.of("intentId", request.getIntentId(), "verdict", "approve"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF token missing or wrong");
        // Nothing was sent in alice's name: her own verdict is still her first.
        assertThat(browser.api("POST", "/api/reviews/" + request.getIntentId() + "/deny", basic("alice", "alice-password"), null)
                .statusCode()).isEqualTo(202);
    }

    @Test
    void shouldRefuseAVerdictPostCarryingAnotherSessionsToken() throws Exception {
        ApproverBrowser alice = start();
        ApproverBrowser bob = new ApproverBrowser(service.url());
        ReviewRequest request = onBoard(request("bot", "{}"));
        alice.signIn("alice", "alice-password");
        bob.signIn("bob", "bob-password");

        HttpResponse<String> response = alice.postForm("/verdict",
                Map.of("csrf", bob.pageToken(), "intentId", request.getIntentId(), "verdict", "approve"));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRefuseASignOutWithoutTheCsrfToken() throws Exception {
        ApproverBrowser browser = start();
        browser.signIn("alice", "alice-password");

        assertThat(browser.postForm("/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldShowHostileArgumentsAndNamesAsTextNeverAsMarkup() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest request = request("<img src=x onerror=alert(2)>",
                "{\"note\":\"<script>alert(1)</script>\",\"x\":\"\\\"><svg onload=alert(3)>\",\"</pre><b>k</b>\":1}");
        request.getIntent().setTool("pay<script>alert(4)</script>");
        request.setReasons(List.of("rule payments: note '</dd><script>alert(5)</script>'"));
        onBoard(request);
        browser.signIn("alice", "alice-password");

        HttpResponse<String> page = browser.get("/");

        assertThat(page.body()).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<svg")
                .doesNotContain("<b>k</b>").doesNotContain("</dd><script>");
        assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;img src=x onerror=alert(2)&gt;")
                .contains("pay&lt;script&gt;alert(4)&lt;/script&gt;");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(browser.get("/board").body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)");
    }

    // --- verdicts from the page ------------------------------------------------------------------

    @Test
    void shouldApproveFromThePageWithASealedWebVerdict() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest request = onBoard(request("bot", "{\"amount\":10}"));
        browser.signIn("alice", "alice-password");

        HttpResponse<String> response = browser.postForm("/verdict", Map.of("csrf", browser.pageToken(), "intentId", request.getIntentId(),
                "verdict", "approve", "comment", "ok for this invoice"));

        assertThat(response.statusCode()).isEqualTo(303);
        String verdictId = response.headers().firstValue("Location").orElseThrow().replace("/?sent=", "");
        ReviewVerdict verdict = written(verdictId);
        assertThat(verdict.getIntentId()).isEqualTo(request.getIntentId());
        assertThat(verdict.getApproved()).isTrue();
        assertThat(verdict.getApprover()).isEqualTo("alice");
        assertThat(verdict.getApproverGroups()).containsExactly("group:finance");
        assertThat(verdict.getChannel()).isEqualTo("web");
        assertThat(verdict.getComment()).isEqualTo("ok for this invoice");
        assertThat(new VerdictAuthenticator(key).verify(verdict)).isTrue();
        assertThat(browser.get("/?sent=" + verdictId).body()).contains("Verdict " + verdictId + " sent");
    }

    @Test
    void shouldShowAnApproverTheirVerdictIsGivenInsteadOfTheFormAgain() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest request = onBoard(request("bot", "{}"));
        browser.signIn("alice", "alice-password");
        browser.postForm("/verdict", Map.of("csrf", browser.pageToken(), "intentId", request.getIntentId(), "verdict", "deny"));

        String card = browser.get("/board").body();

        String mine = card.substring(card.indexOf("data-intent=\"" + request.getIntentId()));
        mine = mine.substring(0, mine.indexOf("</article>"));
        assertThat(mine).contains("You have given your verdict.").doesNotContain("<form");
    }

    @Test
    void shouldShowAnApproverTheRuleDoesNotNameNoForm() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest request = onBoard(request("bot", "{}", List.of("group:ops"), System.currentTimeMillis() + 60_000));
        browser.signIn("alice", "alice-password");

        String card = browser.get("/board").body();

        String theirs = card.substring(card.indexOf("data-intent=\"" + request.getIntentId()));
        theirs = theirs.substring(0, theirs.indexOf("</article>"));
        assertThat(theirs).contains("This review asks for other approvers.").contains("(from group:ops)").doesNotContain("<form");
    }

    @Test
    void shouldRefuseASecondVerdictFromThePageWithAClearMessage() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest request = onBoard(request("bot", "{}"));
        browser.signIn("alice", "alice-password");
        Map<String, String> approve = Map.of("csrf", browser.pageToken(), "intentId", request.getIntentId(), "verdict", "approve");
        assertThat(browser.postForm("/verdict", approve).statusCode()).isEqualTo(303);

        HttpResponse<String> again = browser.postForm("/verdict", approve);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("approver alice has already given a verdict on review " + request.getIntentId());
    }

    @Test
    void shouldRefuseAnOversizedCommentFromThePage() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest request = onBoard(request("bot", "{}"));
        browser.signIn("alice", "alice-password");

        HttpResponse<String> response = browser.postForm("/verdict", Map.of("csrf", browser.pageToken(), "intentId", request.getIntentId(),
                "verdict", "deny", "comment", "y".repeat(1001)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("a comment may have at most 1000 characters");
    }

    @Test
    void shouldRefuseAVerdictOnAnUnknownReviewFromThePage() throws Exception {
        ApproverBrowser browser = start();
        browser.signIn("alice", "alice-password");

        HttpResponse<String> response = browser.postForm("/verdict", Map.of("csrf", browser.pageToken(), "intentId", "<no-such>",
                "verdict", "approve"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("no review has the id &lt;no-such&gt;");
    }

    // --- the JSON API ----------------------------------------------------------------------------

    @Test
    void shouldListPendingReviewsNewestFirstOverTheApi() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest older = request("bot", "{}");
        older.getIntent().setEventTime(System.currentTimeMillis() - 60_000);
        onBoard(older);
        ReviewRequest newer = onBoard(request("bot", "{\"n\":2}"));

        HttpResponse<String> response = browser.api("GET", "/api/reviews", basic("alice", "alice-password"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new JsonObject(response.body()).getJsonArray("pending").stream()
                .map(r -> ((JsonObject) r).getString("intentId")).toList();
        assertThat(ids).containsSubsequence(newer.getIntentId(), older.getIntentId());
    }

    @Test
    void shouldDenyThroughTheApiAsTheCliChannel() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest request = onBoard(request("bot", "{}"));

        HttpResponse<String> response = browser.api("POST", "/api/reviews/" + request.getIntentId() + "/deny",
                basic("bob", "bob-password"), "{\"comment\":\"not today\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        ReviewVerdict verdict = written(new JsonObject(response.body()).getString("verdictId"));
        assertThat(verdict.getApproved()).isFalse();
        assertThat(verdict.getApprover()).isEqualTo("bob");
        assertThat(verdict.getChannel()).isEqualTo("cli");
        assertThat(verdict.getComment()).isEqualTo("not today");
        assertThat(new VerdictAuthenticator(key).verify(verdict)).isTrue();
    }

    @Test
    void shouldRefuseADoubleApprovalOverTheApi() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest request = onBoard(request("bot", "{}"));
        String path = "/api/reviews/" + request.getIntentId() + "/approve";
        assertThat(browser.api("POST", path, basic("alice", "alice-password"), null).statusCode()).isEqualTo(202);

        HttpResponse<String> again = browser.api("POST", path, basic("alice", "alice-password"), null);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(again.body()).getString("error")).contains("alice has already given a verdict");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownReviewOverTheApi() throws Exception {
        ApproverBrowser browser = start();

        HttpResponse<String> response = browser.api("POST", "/api/reviews/no-such-review/approve", basic("alice", "alice-password"), null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("no review has the id no-such-review");
    }

    @Test
    void shouldRefuseAnOversizedOrMalformedCommentOverTheApi() throws Exception {
        ApproverBrowser browser = start();
        ReviewRequest request = onBoard(request("bot", "{}"));
        String path = "/api/reviews/" + request.getIntentId() + "/approve";

        assertThat(browser.api("POST", path, basic("alice", "alice-password"), new JsonObject().put("comment", "z".repeat(1001)).encode())
                .statusCode()).isEqualTo(400);
        assertThat(browser.api("POST", path, basic("alice", "alice-password"), "{\"comment\": 7}").statusCode()).isEqualTo(400);
        assertThat(browser.api("POST", path, basic("alice", "alice-password"), "not json").statusCode()).isEqualTo(400);
        assertThat(browser.api("POST", path, basic("alice", "alice-password"), "{}").statusCode()).isEqualTo(202);
    }

    @Test
    void shouldRefuseWrongBasicCredentialsOverTheApi() throws Exception {
        ApproverBrowser browser = start();

        assertThat(browser.api("GET", "/api/reviews", basic("alice", "bob-password"), null).statusCode()).isEqualTo(401);
        assertThat(browser.api("GET", "/api/reviews", "Basic %%%", null).statusCode()).isEqualTo(401);
        assertThat(browser.api("GET", "/api/reviews", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldReportHealthUpWhileReadingTheReviewTopics() throws Exception {
        ApproverBrowser browser = start();

        HttpResponse<String> response = browser.get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("UP");
    }
}
