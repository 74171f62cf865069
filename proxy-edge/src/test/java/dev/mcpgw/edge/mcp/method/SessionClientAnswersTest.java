package dev.mcpgw.edge.mcp.method;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.mcp.RecordingClient;
import dev.mcpgw.edge.mcp.ResultTypes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a session-era client's retry of a call to a 2026-07-28 server carries, once the server asked it for input. */
class SessionClientAnswersTest {
    private static final JsonObject ASKS_A_NAME = new JsonObject().put("resultType", ResultTypes.INPUT_REQUIRED).put("requestState", "sealed")
            .put("inputRequests", new JsonObject().put("name", new JsonObject().put("method", "elicitation/create")
                    .put("params", new JsonObject().put("mode", "form").put("message", "Tool server files asks: Your name?"))));

    private static McpCall sessionCallAnsweredWith(JsonObject answer) {
        return new McpCall(new Agent("alice", List.of(), Map.of(), "key"), 1, "tools/call", new JsonObject().put("name", "files__ask_name"),
                ProtocolVersions.V2025_11_25, n -> { }, new Cancellation(), Map.of(), new RecordingClient(answer));
    }

    @Test
    void shouldMakeTheRetryOfTheClientsAnswersAndTheServersState() {
        JsonObject answer = new JsonObject().put("action", "accept").put("content", new JsonObject().put("name", "Ada"));

        Future<JsonObject> retry = EraBridge.answersOfASessionClient(sessionCallAnsweredWith(answer), "files", ASKS_A_NAME, 1).orElseThrow();

        assertThat(retry.result()).isEqualTo(new JsonObject().put("inputResponses", new JsonObject().put("name", answer))
                .put("requestState", "sealed"));
    }

    @Test
    void shouldFailTheCallBeforeAnyRetryWhenAnAnswerCarriesACredential() {
        String token = "ghp_" + "a1B2c3D4e5".repeat(4);
        JsonObject typedItIn = new JsonObject().put("action", "accept").put("content", new JsonObject().put("name", token));

        Future<JsonObject> retry = EraBridge.answersOfASessionClient(sessionCallAnsweredWith(typedItIn), "files", ASKS_A_NAME, 1).orElseThrow();

        assertThat(retry.cause()).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS))
                .hasMessageContaining("passes no credential to tool server files").hasMessageContaining("secrets/github-token")
                .hasMessageNotContaining(token);
    }

    @Test
    void shouldMakeNoRetryOfACallTheServerAnswered() {
        JsonObject answered = new JsonObject().put("content", new JsonObject());

        assertThat(EraBridge.answersOfASessionClient(sessionCallAnsweredWith(new JsonObject()), "files", answered, 1)).isEmpty();
    }
}
