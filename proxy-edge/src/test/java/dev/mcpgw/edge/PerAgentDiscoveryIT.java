package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.TopicIO;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-agent discovery: alice and bob, under one policy, each list what that policy could allow
 * them, with real MCP clients; a tool hidden from one is still refused by the decision when called
 * anyway; a policy change tells only the sessions whose view it changed.
 */
class PerAgentDiscoveryIT {
    private static final String BASE = """
            version: per-agent-discovery
            default: deny
            rules:
              - id: demo-tools
                effect: allow
                tools: [echo, add, count_slowly]
              - id: bob-never-adds
                effect: deny
                agents: [bob]
                tools: [add]
              - id: deletes-in-tmp
                effect: allow
                tools: [delete_file]
                arguments:
                  path: {pathPrefix: [/tmp]}
            """;
    /** BASE, and alice may no longer count: bob's view stays as it was. */
    private static final String ALICE_NEVER_COUNTS = BASE + """
              - id: alice-never-counts
                effect: deny
                agents: [alice]
                tools: [count_slowly]
            """;

    private static EdgeFixture gateway;
    private static RawMcpHttp raw;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream();
        raw = new RawMcpHttp(gateway.mcpUrl());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** Every test starts from BASE, in force at the edge and in the decision stream. */
    @BeforeEach
    void activateBase() {
        activate(BASE);
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(callAs(EdgeFixture.BOB_KEY, "demo__add").isError()));
    }

    @Test
    void eachAgentListsWhatThePolicyCouldAllowIt() {
        try (McpSyncClient alice = client(EdgeFixture.ALICE_KEY); McpSyncClient bob = client(EdgeFixture.BOB_KEY)) {
            assertThat(names(alice)).containsExactly("demo__add", "demo__count_slowly", "demo__delete_file", "demo__echo");
            assertThat(names(bob)).containsExactly("demo__count_slowly", "demo__delete_file", "demo__echo");
        }
    }

    @Test
    void aToolHiddenFromAnAgentIsStillRefusedWhenItCallsItAnyway() {
        CallToolResult result = callAs(EdgeFixture.BOB_KEY, "demo__add");

        assertThat(result.isError()).isTrue();
        assertThat(result.content().toString()).contains("bob-never-adds");
        assertThat(gateway.callsReceived()).noneMatch(call -> call.startsWith("add"));
    }

    @Test
    void aStatelessListIsMarkedForThisAgentsCacheOnly() {
        JsonObject listed = new JsonObject(raw.stateless(1, "tools/list", new JsonObject()).body()).getJsonObject("result");

        assertThat(listed.getString("cacheScope")).isEqualTo("private");
    }

    @Test
    void aPolicyChangeTellsTheSessionWhoseViewChangedAndNotTheOther() {
        AtomicInteger aliceHeard = new AtomicInteger();
        AtomicInteger bobHeard = new AtomicInteger();
        try (McpSyncClient alice = client(EdgeFixture.ALICE_KEY, aliceHeard); McpSyncClient bob = client(EdgeFixture.BOB_KEY, bobHeard)) {
            activate(ALICE_NEVER_COUNTS);

            await().atMost(Duration.ofSeconds(30)).until(() -> aliceHeard.get() > 0);
            assertThat(names(alice)).doesNotContain("demo__count_slowly");
            // Both sessions' notifications leave in the same turn of the event loop: by now bob's would have arrived.
            assertThat(names(bob)).contains("demo__count_slowly");
            assertThat(bobHeard).hasValue(0);
        }
    }

    @Test
    void aPolicyChangeTellsTheListenStreamWhoseViewChangedAndNotTheOther() throws Exception {
        JsonObject tools = new JsonObject().put("toolsListChanged", true);
        try (ChangeStream alice = ChangeStream.listen(gateway.mcpUrl(), 1, tools, EdgeFixture.ALICE_KEY);
             ChangeStream bob = ChangeStream.listen(gateway.mcpUrl(), 2, tools, EdgeFixture.BOB_KEY)) {
            alice.nextMessage(Duration.ofSeconds(10));
            bob.nextMessage(Duration.ofSeconds(10));

            activate(ALICE_NEVER_COUNTS);

            assertThat(alice.nextMessage(Duration.ofSeconds(30)).getString("method")).isEqualTo("notifications/tools/list_changed");
            assertThat(bob.sawLineStartingWith("data: ", Duration.ofSeconds(2))).isFalse();
        }
    }

    private static void activate(String policy) {
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("per-agent", policy, 0L), 0L);
    }

    private static McpSyncClient client(String key) {
        return McpPeers.httpClient(gateway.baseUrl(), EdgeVerticle.MCP_PATH, key);
    }

    private static McpSyncClient client(String key, AtomicInteger toolListChanges) {
        return McpPeers.httpClient(gateway.baseUrl(), EdgeVerticle.MCP_PATH, key,
                spec -> spec.toolsChangeConsumer(tools -> toolListChanges.incrementAndGet()));
    }

    private static List<String> names(McpSyncClient client) {
        return client.listTools().tools().stream().map(Tool::name).toList();
    }

    private static CallToolResult callAs(String key, String tool) {
        try (McpSyncClient client = client(key)) {
            return client.callTool(CallToolRequest.builder().name(tool).arguments(Map.of("a", 1, "b", 2)).build());
        }
    }
}
