package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.RecordingClient;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which of a tool server's notifications reach the stream of a request the gateway sent it, what a
 * malformed request of its gets, and how a malformed answer ends the call it answers.
 */
class JsonRpcPeerTest {
    private final EventLoop loop = new EventLoop();
    private final List<JsonObject> sent = new CopyOnWriteArrayList<>();
    private final List<JsonObject> untagged = new CopyOnWriteArrayList<>();
    private final List<JsonObject> requestStream = new CopyOnWriteArrayList<>();
    private JsonRpcPeer peer;

    @AfterEach
    void stop() {
        loop.close();
    }

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final RecordingClient client = new RecordingClient(new JsonObject());

    /** Sends {@code method} for a client that declared elicitation, with its own stream, and returns the id it went with. */
    private long sendWithStream(String method) {
        return loop.await(() -> {
            peer = new JsonRpcPeer("s", loop.vertx(), sent::add, (id, reason) -> { });
            peer.onNotification(untagged::add);
            peer.request(method, new JsonObject(), requestStream::add, new Cancellation(), client, Duration.ofSeconds(30))
                    .onFailure(failures::add);
            return Future.succeededFuture(sent.get(0).getLong("id"));
        });
    }

    private void receive(JsonObject message) {
        loop.await(() -> {
            peer.receive(message, null);
            return Future.succeededFuture();
        });
    }

    private static JsonObject taggedWith(long subscription) {
        return new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/resources/updated")
                .put("params", new JsonObject().put("uri", "demo://x").put("_meta", new JsonObject().put(MetaKeys.SUBSCRIPTION_ID, subscription)));
    }

    @Test
    void shouldPutANotificationTaggedWithAListensSubscriptionOnThatListensStream() {
        long listen = sendWithStream(McpMethods.SUBSCRIPTIONS_LISTEN);

        receive(taggedWith(listen));

        assertThat(requestStream).hasSize(1);
        assertThat(untagged).isEmpty();
    }

    @Test
    void shouldNotPutANotificationOnTheStreamOfACallItNamesAsItsSubscription() {
        long call = sendWithStream(McpMethods.TOOLS_CALL);

        receive(taggedWith(call));

        assertThat(requestStream).isEmpty();
        assertThat(untagged).hasSize(1);
    }

    @Test
    void shouldAnswerAServersRequestWhoseParamsAreNoObjectWithAnError() {
        sendWithStream(McpMethods.TOOLS_CALL);

        receive(new JsonObject().put("jsonrpc", "2.0").put("id", 7).put("method", "elicitation/create").put("params", "approve?"));

        assertThat(sent).last().satisfies(answer -> {
            assertThat(answer.getValue("id")).isEqualTo(7);
            assertThat(answer.getJsonObject("error").getInteger("code")).isEqualTo(ErrorCodes.INVALID_PARAMS);
        });
        assertThat(client.asked()).isEmpty();
    }

    @Test
    void shouldFailACallAnsweredWithAnErrorWhoseCodeIsNoNumber() {
        long call = sendWithStream(McpMethods.TOOLS_CALL);

        receive(new JsonObject().put("jsonrpc", "2.0").put("id", call).put("error", new JsonObject().put("code", "x").put("message", 42)));

        assertThat(failures).singleElement().isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR));
    }

    @Test
    void shouldFailACallAnsweredWithAnErrorThatIsNoObject() {
        long call = sendWithStream(McpMethods.TOOLS_CALL);

        receive(new JsonObject().put("jsonrpc", "2.0").put("id", call).put("error", "refused"));

        assertThat(failures).singleElement().isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR));
    }

    @Test
    void shouldFailACallAnsweredWithNoResult() {
        long call = sendWithStream(McpMethods.TOOLS_CALL);

        receive(new JsonObject().put("jsonrpc", "2.0").put("id", call).putNull("result"));

        assertThat(failures).singleElement().isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR));
    }

    @Test
    void shouldTakeAnAnswerWithANullMethodForAnAnswer() {
        long call = sendWithStream(McpMethods.TOOLS_CALL);

        receive(new JsonObject().put("jsonrpc", "2.0").put("id", call).putNull("method").put("result", new JsonObject()));

        assertThat(failures).isEmpty();
        assertThat(loop.await(() -> Future.succeededFuture(peer.awaits(call)))).isFalse();
        assertThat(sent).hasSize(1);
    }

    @Test
    void shouldRefuseAServersRequestWhoseMethodIsNoString() {
        sendWithStream(McpMethods.TOOLS_CALL);

        receive(new JsonObject().put("jsonrpc", "2.0").put("id", 8).put("method", 5));

        assertThat(sent).last().satisfies(answer -> assertThat(answer.getJsonObject("error").getInteger("code"))
                .isEqualTo(ErrorCodes.INVALID_REQUEST));
        assertThat(untagged).isEmpty();
    }

    @Test
    void shouldNotTakeAnIdWithAFractionForTheCallsId() {
        long call = sendWithStream(McpMethods.TOOLS_CALL);

        receive(new JsonObject().put("jsonrpc", "2.0").put("id", call + 0.5).put("result", new JsonObject()));

        assertThat(failures).isEmpty();
        assertThat(loop.await(() -> Future.succeededFuture(peer.awaits(call)))).isTrue();
    }
}
