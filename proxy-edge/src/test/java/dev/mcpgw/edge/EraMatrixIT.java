package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every client era with every server era over both downstream transports: the official
 * TypeScript SDK v2 client (pinned to 2026-07-28, or in its 2025-11-25 default) through one
 * gateway to the TypeScript SDK v2 tool server, which serves both eras. The gateway finds the
 * stdio 2026 server's era with server/discover, and is told to speak 2026-07-28 to the HTTP 2026
 * server (left to itself it would speak both eras to it: see DualEraServerIT) and 2025-11-25 to the others.
 */
class EraMatrixIT {
    private static final List<String> CLIENTS = List.of("2026", "legacy");
    private static final List<String> SERVERS = List.of("stdio-2025", "stdio-2026", "http-2025", "http-2026");
    private static final List<NodePeers.HttpToolServer> httpServers = new ArrayList<>();
    private static EdgeFixture gateway;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK peers");
        gateway = EdgeFixture.withDecisionStreamFronting(EraMatrixIT::servers);
    }

    private static List<DownstreamSpec> servers(Path callLog) {
        McpPeers.StdioCommand stdio = NodePeers.toolServer(callLog);
        NodePeers.HttpToolServer http2025 = NodePeers.httpToolServer(callLog);
        NodePeers.HttpToolServer http2026 = NodePeers.httpToolServer(callLog);
        httpServers.addAll(List.of(http2025, http2026));
        return List.of(
                new DownstreamSpec("stdio-2025", stdio.command(), stdio.args(), stdio.env(), null, null, "stdio-2025", ProtocolVersions.V2025_11_25),
                new DownstreamSpec("stdio-2026", stdio.command(), stdio.args(), stdio.env(), null, null, "stdio-2026"),
                new DownstreamSpec("http-2025", null, null, null, http2025.url(), Map.of(), "http-2025", ProtocolVersions.V2025_11_25),
                new DownstreamSpec("http-2026", null, null, null, http2026.url(), Map.of(), "http-2026", ProtocolVersions.V2026_07_28));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        httpServers.forEach(NodePeers.HttpToolServer::close);
    }

    static Stream<Arguments> everyClientWithEveryServer() {
        return CLIENTS.stream().flatMap(client -> SERVERS.stream().map(server -> Arguments.of(client, server)));
    }

    private static JsonObject run(String client, String... command) {
        return new JsonObject(NodePeers.client(gateway.mcpUrl(), EdgeFixture.ALICE_KEY, client, command));
    }

    private static JsonObject call(String client, String server, String tool, JsonObject arguments, String... more) {
        List<String> command = new ArrayList<>(List.of("call", server + "__" + tool, arguments.encode()));
        command.addAll(List.of(more));
        return run(client, command.toArray(String[]::new));
    }

    private static long calls(String line) {
        return gateway.callsReceived().stream().filter(line::equals).count();
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @MethodSource("everyClientWithEveryServer")
    void shouldListTheServersTools(String client, String server) {
        JsonObject answer = run(client, "list");

        assertThat(answer.getJsonObject("result").getJsonArray("tools")).extracting(t -> ((JsonObject) t).getString("name"))
                .contains(server + "__echo", server + "__ask_name");
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @MethodSource("everyClientWithEveryServer")
    void shouldForwardAnAllowedCall(String client, String server) {
        String text = client + " to " + server;

        JsonObject answer = call(client, server, "echo", new JsonObject().put("text", text));

        assertThat(answer.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(text);
        assertThat(calls("echo\t" + text)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @MethodSource("everyClientWithEveryServer")
    void shouldRefuseADeniedCallWithoutTheServerSeeingIt(String client, String server) {
        String path = "/" + client + "/" + server;

        JsonObject answer = call(client, server, "delete_file", new JsonObject().put("path", path));

        assertThat(answer.getJsonObject("result").getBoolean("isError")).isTrue();
        assertThat(calls("delete_file\t" + path)).isZero();
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @MethodSource("everyClientWithEveryServer")
    void shouldRelayTheServersProgress(String client, String server) {
        JsonObject answer = call(client, server, "count_slowly", new JsonObject().put("to", 3));

        assertThat(answer.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("counted to 3");
        assertThat(answer.getJsonArray("progress")).isEqualTo(new JsonArray().add(1).add(2).add(3));
    }

    @ParameterizedTest(name = "2026 client, {0} server")
    @ValueSource(strings = {"stdio-2025", "stdio-2026", "http-2025", "http-2026"})
    void shouldCarryTheClientsTraceContextToTheServer(String server) {
        JsonObject trace = new JsonObject().put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .put("tracestate", "vendor=opaque");

        JsonObject result = new JsonObject(new RawMcpHttp(gateway.mcpUrl()).stateless(1, "tools/call",
                new JsonObject().put("name", server + "__trace").put("arguments", new JsonObject()).put("_meta", trace.copy())).body());

        assertThat(new JsonObject(result.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))).isEqualTo(trace);
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @MethodSource("everyClientWithEveryServer")
    void shouldCarryAnElicitationRoundTripThroughTheGateway(String client, String server) {
        JsonObject answer = call(client, server, "ask_name", new JsonObject());

        assertThat(answer.getJsonObject("result")).as(answer.encode()).isNotNull();
        assertThat(answer.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("Hello, Ada!");
        assertThat(answer.getInteger("elicitations")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @MethodSource("everyClientWithEveryServer")
    void shouldTellTheClientWhichToolServerAsks(String client, String server) {
        JsonObject answer = call(client, server, "ask_name", new JsonObject());

        assertThat(answer.getJsonArray("elicitationMessages")).as(answer.encode())
                .containsExactly("Tool server " + server + " asks: Your name?");
    }

    // A 2026 server is not sent the answer of a client that answered with an error: the call ends with it.
    @ParameterizedTest(name = "legacy client, {0} server")
    @ValueSource(strings = {"stdio-2025", "http-2025"})
    void shouldNotPassACredentialInTheClientsErrorAnswerToTheServer(String server) {
        String token = "ghp_" + "a1B2c3D4e5".repeat(4);

        JsonObject answer = new JsonObject(NodePeers.client(gateway.mcpUrl(), EdgeFixture.ALICE_KEY,
                Map.of(NodePeers.ELICITATION_ERROR_ENV, "No form for that, but here it is: " + token), "legacy",
                "call", server + "__ask_name", "{}"));

        assertThat(answer.getInteger("elicitations")).isEqualTo(1);
        assertThat(answer.encode()).as("what the server made of the answer it got")
                .contains("passes no credential to tool server " + server).doesNotContain(token);
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @MethodSource("everyClientWithEveryServer")
    void shouldCancelTheCallAtTheServerWhenTheClientCancels(String client, String server) {
        long cancelledBefore = calls("wait_for_cancel\tcancelled");

        JsonObject answer = call(client, server, "wait_for_cancel", new JsonObject().put("seconds", 20), "1500");

        assertThat(answer.getJsonObject("error")).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls("wait_for_cancel\tcancelled") > cancelledBefore);
    }
}
