package dev.mcpgw.edge.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.schemas.ServerRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ServerRequestLogTest {
    private final ServerRequestLog log = new ServerRequestLog(ClientRequests.declaredOnly(new JsonObject().put("roots", new JsonObject())));

    @Test
    void shouldNoteEachRequestTheServerSendsInOrderWithADigestOfItsParams() {
        JsonObject sampling = new JsonObject().put("maxTokens", 10).put("messages", new JsonObject());

        log.send("sampling/createMessage", sampling);
        log.send("roots/list", null);

        assertThat(log.requests()).containsExactly(
                new ServerRequest("sampling/createMessage", OutcomeRecorder.digest(sampling)),
                new ServerRequest("roots/list", OutcomeRecorder.digest(new JsonObject())));
    }

    @Test
    void shouldNoteTheInputRequestsOfAResultThatAsksForInput() {
        JsonObject elicitation = new JsonObject().put("message", "Your name?");
        log.noteInputRequests(new JsonObject().put("resultType", "input_required").put("inputRequests", new JsonObject()
                .put("name", new JsonObject().put("method", "elicitation/create").put("params", elicitation))));
        log.noteInputRequests(new JsonObject().put("content", "done"));

        assertThat(log.requests()).containsExactly(new ServerRequest("elicitation/create", OutcomeRecorder.digest(elicitation)));
    }
}
