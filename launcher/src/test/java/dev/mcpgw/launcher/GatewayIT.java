package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.cli.GatewayCommand;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What `gateway up --config FILE` starts, used the way a user would: an MCP client, then `gateway audit verify`. */
class GatewayIT {
    private static final String GLOBAL_LIMIT = """
              - id: echoes-for-everyone
                effect: allow
                tools: [echo]
                rateLimit: {requests: 1000, window: 1m, per: global}
            """;
    private static Gateway gateway;
    private static Path callLog;
    private static Path ocsfFile;

    @BeforeAll
    static void up(@TempDir Path dir) throws Exception {
        callLog = DemoGateway.callLog(dir);
        ocsfFile = DemoGateway.ocsfFile(dir);
        // The starter policy, and a limit across agents: the gateway below decides on one partition.
        gateway = DemoGateway.start(dir, GLOBAL_LIMIT, """
                decisionPartitions: 1
                agents:
                  - {id: demo-agent, apiKey: "${TEST_KEY}", groups: [demo]}
                """, Map.of("TEST_KEY", "k-123"));
    }

    @AfterAll
    static void down() {
        gateway.close();
    }

    @Test
    void shouldServeTheConfiguredToolsUnderThePolicyAndLeaveAVerifiableTrail() {
        // given
        McpSyncClient client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", "k-123");
        // when
        var allowed = client.callTool(new CallToolRequest("demo__echo", Map.of("text", "through the gateway")));
        var denied = client.callTool(new CallToolRequest("demo__delete_file", Map.of("path", "/")));
        client.closeGracefully();
        // then
        assertThat(((TextContent) allowed.content().get(0)).text()).isEqualTo("through the gateway");
        assertThat(denied.isError()).isTrue();
        assertThat(McpPeers.callsReceived(callLog))
                .anySatisfy(line -> assertThat(line).isEqualTo("echo\t{text=through the gateway}"))
                .noneSatisfy(line -> assertThat(line).startsWith("delete_file"));
        assertThat(run("audit", "verify", "--bootstrap-servers", gateway.bootstrapServers()))
                .startsWith("0|").containsPattern("OK: \\d+ receipts verified");
        assertThat(run("audit", "verify", "--bootstrap-servers", gateway.bootstrapServers(),
                "--public-key", gateway.receiptPublicKey().toString())).startsWith("0|");
    }

    @Test
    void shouldArchiveTheTrailSoThatItVerifiesOfflineWithTheGatewaysKey() {
        McpSyncClient client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", "k-123");
        client.callTool(new CallToolRequest("demo__echo", Map.of("text", "through the archive")));
        client.closeGracefully();
        await().atMost(Duration.ofSeconds(30)).until(() -> archiveContains("through the archive"));

        assertThat(run("audit", "verify", "--from-archive", gateway.receiptArchive().toString(),
                "--public-key", gateway.receiptPublicKey().toString())).startsWith("0|").containsPattern("OK: \\d+ receipts verified")
                .contains("pass --every-signature");
        assertThat(run("audit", "verify", "--from-archive", gateway.receiptArchive().toString(), "--every-signature",
                "--public-key", gateway.receiptPublicKey().toString())).startsWith("0|").containsPattern("OK: \\d+ receipts verified")
                .doesNotContain("pass --every-signature");
    }

    @Test
    void shouldFeedTheDecisionAndTheOutcomeOfACallToTheSiemFileAsOcsfEvents() throws IOException {
        McpSyncClient client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", "k-123");
        client.callTool(new CallToolRequest("demo__echo", Map.of("text", "for the SIEM")));
        client.closeGracefully();

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(ocsfFile)
                && Files.readAllLines(ocsfFile).stream().filter(line -> line.contains("for the SIEM")).count() == 2);
        assertThat(Files.readAllLines(ocsfFile)).filteredOn(line -> line.contains("for the SIEM"))
                .allSatisfy(line -> assertThat(line).contains("\"class_uid\":6003").contains("\"uid\":\"demo-agent\""))
                .anySatisfy(line -> assertThat(line).contains("\"activity_name\":\"tools/call\""))
                .anySatisfy(line -> assertThat(line).contains("\"activity_name\":\"tools/call outcome\"").contains("\"status\":\"Success\""));
    }

    @Test
    void shouldServeTheDecisionStreamsOwnMetricsOnTheMetricsEndpoint() throws Exception {
        var metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(metrics).contains("kafka_stream_thread_commit_total", "kafka_stream_thread_process_total");
    }

    @Test
    void shouldReportTheReceiptSinksVerdictOnTheMetricsEndpoint() throws Exception {
        var metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(metrics).contains("mcpgw_receipt_chain_intact 1.0").contains("mcpgw_receipts_verified");
    }

    @Test
    void shouldFailVerificationAgainstAPublicKeyThatDidNotSignTheReceipts(@TempDir Path dir) throws Exception {
        Path otherKey = dir.resolve("other.key");
        SigningKey.loadOrCreate(otherKey);
        McpSyncClient client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", "k-123");
        client.callTool(new CallToolRequest("demo__echo", Map.of("text", "signed")));
        client.closeGracefully();

        assertThat(run("audit", "verify", "--bootstrap-servers", gateway.bootstrapServers(),
                "--public-key", SigningKey.publicKeyFile(otherKey).toString()))
                .startsWith("1|").contains("BROKEN").contains("signing key");
    }

    @Test
    void shouldExitNonZeroWhenLintingAnInvalidPolicy(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "default: deny\nrules:\n  - {id: r, effect: perhaps}\n");

        assertThat(run("policy", "lint", bad.toString())).startsWith("1|").contains("unknown effect 'perhaps'");
    }

    @Test
    void shouldReplayOnlyTheReceiptsAskedForAsJsonLines() {
        McpSyncClient client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", "k-123");
        client.callTool(new CallToolRequest("demo__echo", Map.of("text", "replayed")));
        client.callTool(new CallToolRequest("demo__delete_file", Map.of("path", "/replayed")));
        client.closeGracefully();

        String out = run("audit", "replay", "--bootstrap-servers", gateway.bootstrapServers(), "--decision", "DENY",
                "--agent", "demo-agent", "--format", "json");

        assertThat(out).startsWith("0|").contains("\\\"path\\\":\\\"/replayed\\\"").doesNotContain("\\\"text\\\":\\\"replayed\\\"");
        assertThat(out.substring(2).lines()).allSatisfy(line -> assertThat(line).contains("\"effect\":\"DENY\"").contains("\"signature\""));
    }

    @Test
    void shouldLintALimitAcrossAgentsOnlyForDecisionsOnOnePartition(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("global.yaml");
        Files.writeString(policy, "default: deny\nrules:\n" + GLOBAL_LIMIT);

        assertThat(run("policy", "lint", policy.toString())).startsWith("1|").contains("counts across agents");
        assertThat(run("policy", "lint", "--decision-partitions", "1", policy.toString())).startsWith("0|");
    }

    /** Runs the CLI in-process; returns "exitCode|stdout". */
    private static boolean archiveContains(String text) throws IOException {
        try (Stream<Path> files = Files.list(gateway.receiptArchive())) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
                if (Files.readString(file).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new GatewayCommand()).execute(args);
            return code + "|" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }
}
