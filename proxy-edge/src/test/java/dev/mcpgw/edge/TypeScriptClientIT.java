package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.testsupport.NodePeers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The official TypeScript SDK v2 client, in each era, through the gateway to the demo server: the
 * 2026-07-28 client discovers and speaks the stateless revision, the legacy one opens a session.
 */
class TypeScriptClientIT {
    private static EdgeFixture gateway;

    @BeforeAll
    static void start() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK client");
        gateway = EdgeFixture.withDecisionStream();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static JsonObject run(String era, String... command) {
        return new JsonObject(NodePeers.client(gateway.mcpUrl(), EdgeFixture.ALICE_KEY, era, command));
    }

    @ParameterizedTest(name = "{0} client")
    @CsvSource({"2026, 2026-07-28", "legacy, 2025-11-25"})
    void shouldListTheGatewaysToolsInTheClientsRevision(String era, String revision) {
        JsonObject answer = run(era, "list");

        assertThat(answer.getString("protocolVersion")).isEqualTo(revision);
        // delete_file is denied outright by the policy (no-deletes), so no agent is shown it.
        assertThat(answer.getJsonObject("result").getJsonArray("tools")).extracting(t -> ((JsonObject) t).getString("name"))
                .containsExactly("demo__add", "demo__count_slowly", "demo__echo");
    }

    @ParameterizedTest(name = "{0} client")
    @CsvSource({"2026", "legacy"})
    void shouldForwardAnAllowedCall(String era) {
        JsonObject answer = run(era, "call", "demo__echo", "{\"text\":\"from the " + era + " client\"}");

        assertThat(answer.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("from the " + era + " client");
    }

    @ParameterizedTest(name = "{0} client")
    @CsvSource({"2026", "legacy"})
    void shouldRefuseADeniedCallWithoutTheServerSeeingIt(String era) {
        String path = "/ts-" + era;

        JsonObject answer = run(era, "call", "demo__delete_file", "{\"path\":\"" + path + "\"}");

        assertThat(answer.getJsonObject("result").getBoolean("isError")).isTrue();
        assertThat(answer.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).contains("no-deletes");
        assertThat(gateway.callsReceived()).noneSatisfy(line -> assertThat(line).contains(path));
    }
}
