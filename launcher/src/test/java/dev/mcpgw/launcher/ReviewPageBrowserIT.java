package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.review.ReviewSettings;
import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import dev.mcpgw.testsupport.NpmInstall;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approver's page in a real browser: Debian's chromium, driven by playwright-core (pinned in
 * src/test/browser), against the whole gateway. An MCP client's calls that a rule sends to review
 * appear on the signed-in page without a reload; the approver approves one and denies the other,
 * and the verdicts on gateway.review-verdict are sealed, name the approver and the web channel.
 * Screenshots are kept in target/review-browser/screenshots. Skipped only where chromium or npm is
 * missing (.ci/run installs chromium).
 */
class ReviewPageBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SOURCE = Path.of("src/test/browser");
    private static final Path INSTALL = Path.of("target/review-browser").toAbsolutePath();
    private static final String HOSTILE = "<script>window.xss=1</script><img src=x onerror=\"window.xss=2;alert(2)\">";

    @TempDir
    Path dir;
    private Gateway gateway;
    private McpSyncClient client;
    private Process browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.destroyForcibly();
        }
        if (client != null) {
            client.closeGracefully();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private Gateway startGateway() throws Exception {
        return DemoGateway.start(dir, """
                  - id: echo-needs-a-human
                    description: a human approves every echo
                    effect: review
                    tools: [echo]
                """, """
                agents:
                  - {id: review-bot, apiKey: review-bot-key, groups: [demo]}
                review:
                  listen: 127.0.0.1:0
                  approvers:
                    - {id: alice, password: alice-password, groups: [demo], roles: [lead]}
                """, Map.of());
    }

    private static Path installPlaywright() throws IOException {
        Files.createDirectories(INSTALL.resolve("screenshots"));
        NpmInstall.ci(INSTALL, List.of("package.json", "package-lock.json", "review-page.mjs"),
                file -> Files.readAllBytes(SOURCE.resolve(file)));
        return INSTALL;
    }

    @Test
    void shouldLetAnApproverApproveOneCallAndDenyAnotherInARealBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && NodePeers.available(),
                "the browser test needs /usr/bin/chromium and npm (.ci/run installs chromium: apt-get install chromium)");
        Path browserDir = installPlaywright();
        gateway = startGateway();
        browser = new ProcessBuilder("node", browserDir.resolve("review-page.mjs").toString(), gateway.reviewUrl().orElseThrow(),
                "alice", "alice-password", browserDir.resolve("screenshots").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader said = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));

        JsonObject signedIn = step(said);
        assertThat(signedIn.getString("approver")).isEqualTo("alice");

        client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", "review-bot-key");
        CompletableFuture<CallToolResult> toApprove = CompletableFuture.supplyAsync(() ->
                client.callTool(new CallToolRequest("demo__echo", Map.of("text", "approve-me " + HOSTILE))));
        CompletableFuture<CallToolResult> toDeny = CompletableFuture.supplyAsync(() ->
                client.callTool(new CallToolRequest("demo__echo", Map.of("text", "deny-me"))));

        JsonObject done = step(said);
        assertThat(done.getBoolean("live")).as("the reviews appeared without a reload").isTrue();
        assertThat(done.getString("argumentsShown")).as("the hostile argument is shown as text").contains(HOSTILE.replace("\"", "\\\""));
        assertThat(done.getBoolean("scriptRan")).as("no script of the agent's ran").isFalse();
        assertThat(done.getJsonArray("dialogs")).as("no alert opened").isEmpty();
        assertThat(done.getString("approvedNotice")).contains("sent");
        assertThat(done.getString("deniedNotice")).contains("sent");
        assertThat(done.getString("approvedStatus")).startsWith("APPROVED");
        assertThat(done.getString("deniedStatus")).startsWith("DENIED");
        assertThat(browser.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(browser.exitValue()).isZero();

        VerdictAuthenticator authenticator = new VerdictAuthenticator(SecretKeyFile.loadOrCreate(
                dir.resolve("streams").resolve(ReviewSettings.VERDICT_KEY_FILE)));
        List<ReviewVerdict> verdicts = TopicConsumers.readAll(gateway.bootstrapServers(), Topics.REVIEW_VERDICT.name(),
                Topics.REVIEW_VERDICT, Duration.ofSeconds(30));
        ReviewVerdict approved = only(verdicts, done.getString("approveId"));
        ReviewVerdict denied = only(verdicts, done.getString("denyId"));
        assertThat(approved.getApproved()).isTrue();
        assertThat(approved.getComment()).isEqualTo("approved in the browser");
        assertThat(denied.getApproved()).isFalse();
        assertThat(denied.getComment()).isEqualTo("denied in the browser");
        for (ReviewVerdict verdict : List.of(approved, denied)) {
            assertThat(verdict.getApprover()).isEqualTo("alice");
            assertThat(verdict.getApproverGroups()).containsExactly("group:demo", "role:lead");
            assertThat(verdict.getChannel()).isEqualTo("web");
            assertThat(authenticator.verify(verdict)).as("sealed with the gateway's verdict key").isTrue();
        }
        // The held calls resolve as the approver said: approve-me runs once at the tool server, deny-me never.
        CallToolResult ran = toApprove.get(60, TimeUnit.SECONDS);
        CallToolResult refused = toDeny.get(60, TimeUnit.SECONDS);
        assertThat(ran.isError()).isFalse();
        assertThat(ran.content().get(0).toString()).contains("approve-me");
        assertThat(refused.isError()).isTrue();
        assertThat(McpPeers.callsReceived(DemoGateway.callLog(dir))).filteredOn(line -> line.startsWith("echo\t")).hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("approve-me").doesNotContain("deny-me"));
    }

    private static ReviewVerdict only(List<ReviewVerdict> verdicts, String intentId) {
        List<ReviewVerdict> found = verdicts.stream().filter(v -> v.getIntentId().equals(intentId)).toList();
        assertThat(found).as("verdicts on review " + intentId).hasSize(1);
        return found.get(0);
    }

    /** The browser script's next line; its failure report fails the test with the script's own words. */
    private static JsonObject step(BufferedReader said) throws IOException {
        String line = said.readLine();
        assertThat(line).as("the browser script ended without a word (see its stderr above)").isNotNull();
        JsonObject step = new JsonObject(line);
        assertThat(step.getString("step")).as(line).isNotEqualTo("failed");
        return step;
    }
}
