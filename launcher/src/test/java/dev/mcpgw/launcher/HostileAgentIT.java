package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mcpgw.edge.mcp.McpHeaders;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.testsupport.McpPeers;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What an agent sends, tried black-box against `gateway up` with the starter policy, as a
 * prompt-injected model would send it: each call is answered, another agent's next call is still
 * decided, the decision stream stays up, the tool server keeps answering, and the secret the call
 * carried reaches no receipt, archive line, OCSF event, dead letter or log line (only
 * gateway.propose holds intents as sent).
 */
class HostileAgentIT {
    private static final String SECRET = "AKIAIOSFODNN7EXAMPLE";
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static Gateway gateway;
    private static Path callLog;
    private static Path ocsfFile;

    @BeforeAll
    static void up(@TempDir Path dir) throws Exception {
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
        callLog = DemoGateway.callLog(dir);
        ocsfFile = DemoGateway.ocsfFile(dir);
        gateway = DemoGateway.start(dir, "", """
                agents:
                  - {id: demo-agent, apiKey: "k-hostile", groups: [demo]}
                  - {id: other-agent, apiKey: "k-other", groups: [demo]}
                """, Map.of());
    }

    @AfterAll
    static void down() {
        gateway.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    }

    @Test
    void shouldDenyASecretBehindADottedKeyBesideAnArrayAndKeepDecidingForEveryone() throws Exception {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("text", "hi");
        arguments.put("a", List.of(0));
        arguments.put("a.x", SECRET);

        CallToolResult refused = call("k-hostile", arguments);

        assertThat(refused.isError()).isTrue();
        assertThat(text(refused)).contains("no-secrets-out");
        assertOtherAgentStillServed("after the dotted key");
        assertNothingLeaked("after the dotted key");
    }

    @Test
    void shouldDenyASecretUnderADottedKeyWhoseParentDoesNotExist() throws Exception {
        CallToolResult refused = call("k-hostile", Map.of("text", "lonely", "a.x", SECRET));

        assertThat(refused.isError()).isTrue();
        assertOtherAgentStillServed("after the lonely dotted key");
        assertNothingLeaked("after the lonely dotted key");
    }

    @Test
    void shouldKeepASecretOutOfTheTrailWhenItsCallIsWithdrawnBeforeItsDecision() throws Exception {
        JsonObject request = statelessCall(new JsonObject().put("text", "withdrawn").put("key", SECRET));
        try (Socket stream = openStream(request)) {
            stream.shutdownOutput();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> receipts().stream()
                .anyMatch(r -> r.getIntent().getArgumentsJson().contains("withdrawn")));
        assertOtherAgentStillServed("after the withdrawn call");
        assertNothingLeaked("after the withdrawn call");
    }

    @Test
    void shouldRefuseArgumentsNestedTooDeepBeforeTheyReachTheToolServer() throws Exception {
        String deep = "{\"n\":".repeat(500) + "\"bottom\"" + "}".repeat(500);
        JsonObject request = statelessCall(new JsonObject().put("text", "deep"));
        String body = request.encode().replace("\"text\":\"deep\"", "\"text\":\"deep\",\"extra\":" + deep);

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.mcpUrl()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer k-hostile").header(McpHeaders.PROTOCOL_VERSION, "2026-07-28")
                .header(McpHeaders.METHOD, "tools/call").header(McpHeaders.NAME, "demo__echo")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        JsonObject error = new JsonObject(refused.body()).getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(-32602);
        assertThat(error.getString("message")).contains("maxDepth");
        assertThat(McpPeers.callsReceived(callLog)).noneSatisfy(line -> assertThat(line).contains("deep"));
        assertOtherAgentStillServed("after the deep call");
    }

    private static void assertOtherAgentStillServed(String text) throws Exception {
        CallToolResult allowed = call("k-other", Map.of("text", text));
        assertThat(allowed.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(text(allowed)).isEqualTo(text);
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.healthUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    }

    /** Waits until the archive and the OCSF file hold the other agent's last call, then searches everything for the secret. */
    private static void assertNothingLeaked(String lastAllowed) throws IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> archiveText().contains(lastAllowed) && Files.readString(ocsfFile).contains(lastAllowed));
        assertThat(receipts()).isNotEmpty().allSatisfy(r -> assertThat(r.toString()).doesNotContain(SECRET));
        assertThat(archiveText()).doesNotContain(SECRET);
        assertThat(Files.readString(ocsfFile)).doesNotContain(SECRET);
        assertThat(TopicConsumers.readAll(gateway.bootstrapServers(), Topics.DEAD_LETTER.name(), Topics.DEAD_LETTER, Duration.ofSeconds(30)))
                .allSatisfy(letter -> assertThat(letter.toString()).doesNotContain(SECRET));
        assertThat(new ArrayList<>(LOGS.list)).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(SECRET));
    }

    private static CallToolResult call(String apiKey, Map<String, Object> arguments) {
        McpSyncClient client = McpPeers.httpClient(gateway.baseUrl(), "/mcp", apiKey);
        try {
            return client.callTool(new CallToolRequest("demo__echo", arguments));
        } finally {
            client.closeGracefully();
        }
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private static List<Receipt> receipts() {
        return TopicConsumers.readAll(gateway.bootstrapServers(), Topics.RECEIPT.name(), Topics.RECEIPT, Duration.ofSeconds(30));
    }

    private static String archiveText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(gateway.receiptArchive())) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    /** A 2026-07-28 tools/call for demo__echo, with the envelope the stateless revision asks for. */
    private static JsonObject statelessCall(JsonObject arguments) {
        JsonObject meta = new JsonObject()
                .put(MetaKeys.PROTOCOL_VERSION, "2026-07-28")
                .put(MetaKeys.CLIENT_INFO, new JsonObject().put("name", "hostile").put("version", "1"))
                .put(MetaKeys.CLIENT_CAPABILITIES, new JsonObject());
        return new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "tools/call")
                .put("params", new JsonObject().put("name", "demo__echo").put("arguments", arguments).put("_meta", meta));
    }

    /** Sends the request on a socket of its own: closing it is the client withdrawing the call. */
    private static Socket openStream(JsonObject request) throws IOException {
        URI uri = URI.create(gateway.mcpUrl());
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        byte[] body = request.encode().getBytes(StandardCharsets.UTF_8);
        String head = "POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream"
                + "\r\nAuthorization: Bearer k-hostile"
                + "\r\n" + McpHeaders.PROTOCOL_VERSION + ": 2026-07-28"
                + "\r\n" + McpHeaders.METHOD + ": tools/call"
                + "\r\n" + McpHeaders.NAME + ": demo__echo"
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }
}
