package dev.mcpgw.edge.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A session-era client's answer to what the gateway asked it (for itself or a tool server): only a result or an error object answers. */
class McpSessionAnswerTest {
    private final McpSession session = new McpSession("s-1", "alice", "2025-11-25", new JsonObject(), System::nanoTime);
    private final Promise<JsonObject> answer = Promise.promise();
    private final String id = session.await(answer);

    @Test
    void shouldTakeAResultObjectAsTheAnswer() {
        session.answered(new JsonObject().put("id", id).put("result", new JsonObject().put("action", "decline")));

        assertThat(answer.future().result()).isEqualTo(new JsonObject().put("action", "decline"));
    }

    @Test
    void shouldFailWithTheClientsError() {
        session.answered(new JsonObject().put("id", id).put("error", new JsonObject().put("code", -32601).put("message", "no")));

        assertThat(answer.future().cause()).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(-32601));
    }

    @Test
    void shouldFailAnAnswerWithoutAResult() {
        session.answered(new JsonObject().put("id", id));

        assertNeitherResultNorError();
    }

    @Test
    void shouldFailAResultThatIsNoObject() {
        session.answered(new JsonObject().put("id", id).put("result", new JsonArray().add("accept")));

        assertNeitherResultNorError();
    }

    @Test
    void shouldFailAnErrorThatIsNoObject() {
        session.answered(new JsonObject().put("id", id).put("error", "refused").put("result", new JsonObject()));

        assertNeitherResultNorError();
    }

    @Test
    void shouldIgnoreAnAnswerToNothingItAsked() {
        session.answered(new JsonObject().put("id", "mcpgw-999").put("result", new JsonObject()));

        assertThat(answer.future().isComplete()).isFalse();
    }

    private void assertNeitherResultNorError() {
        assertThat(answer.future().cause()).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR))
                .hasMessageContaining("neither a result object nor an error object");
    }
}
