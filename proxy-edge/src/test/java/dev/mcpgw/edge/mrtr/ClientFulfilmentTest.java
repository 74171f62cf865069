package dev.mcpgw.edge.mrtr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RecordingClient;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A 2026-07-28 server's requests for input, put to a session-era client that declared elicitation. */
class ClientFulfilmentTest {
    private final RecordingClient client = new RecordingClient(new JsonObject().put("action", "accept"));
    private final List<String> asked = client.asked();

    private static JsonObject elicitation() {
        return new JsonObject().put("method", "elicitation/create").put("params", new JsonObject().put("message", "Your name?"));
    }

    private void assertMalformedAndNothingAsked(Future<JsonObject> answered) {
        assertThat(answered.failed()).isTrue();
        assertThat(answered.cause()).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR))
                .hasMessageStartingWith("The tool server asked for input the gateway cannot read");
        assertThat(asked).isEmpty();
    }

    @Test
    void shouldPutEachRequestToTheClientAndAnswerByTheSameKeys() {
        Future<JsonObject> answered = ClientFulfilment.answer(new JsonObject().put("name", elicitation()), client);

        assertThat(answered.result()).isEqualTo(new JsonObject().put("name", new JsonObject().put("action", "accept")));
        assertThat(asked).containsExactly("elicitation/create");
    }

    @Test
    void shouldAskNothingWhenInputRequestsAreNoObject() {
        assertMalformedAndNothingAsked(ClientFulfilment.answer(new JsonArray().add(elicitation()), client));
    }

    @Test
    void shouldAskNothingWhenOneRequestIsNoObject() {
        assertMalformedAndNothingAsked(ClientFulfilment.answer(new JsonObject().put("name", elicitation()).put("other", "approve?"), client));
    }

    @Test
    void shouldAskNothingWhenOneRequestHasNoMethod() {
        assertMalformedAndNothingAsked(ClientFulfilment.answer(new JsonObject().put("name", elicitation())
                .put("other", new JsonObject().put("params", new JsonObject())), client));
    }

    @Test
    void shouldAskNothingWhenOneRequestsParamsAreNoObject() {
        assertMalformedAndNothingAsked(ClientFulfilment.answer(new JsonObject().put("name", elicitation())
                .put("other", new JsonObject().put("method", "elicitation/create").put("params", "Your key?")), client));
    }

    @Test
    void shouldAskNothingWhenTheClientMayNotBeAskedOneOfTheRequests() {
        Future<JsonObject> answered = ClientFulfilment.answer(new JsonObject().put("name", elicitation())
                .put("draft", new JsonObject().put("method", "sampling/createMessage").put("params", new JsonObject())), client);

        assertThat(answered.failed()).isTrue();
        assertThat(answered.cause()).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY));
        assertThat(asked).isEmpty();
    }
}
