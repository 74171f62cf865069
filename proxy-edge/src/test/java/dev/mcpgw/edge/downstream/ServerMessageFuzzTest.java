package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mrtr.ClientFulfilment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * Whatever JSON object a tool server sends while a client's call waits on it (an answer, a request,
 * a notification, with the call's id or another), the edge throws nothing, and an answer to the
 * call ends it; what it relays of a result carries none of the gateway's keys, and whatever it asks
 * the client for input is read without throwing.
 */
class ServerMessageFuzzTest {
    private static final Vertx VERTX = Vertx.vertx();
    private static final Set<String> GATEWAY_KEYS = Set.of(MetaKeys.AUTHORIZATION, MetaKeys.TOOL_APPROVAL_DISPOSITION, MetaKeys.RELATED_TASK,
            MetaKeys.MODEL_IMMEDIATE_RESPONSE);
    private static final ClientRequests CLIENT = new ClientRequests() {
        @Override
        public JsonObject capabilities() {
            return new JsonObject().put("elicitation", new JsonObject()).put("sampling", new JsonObject()).put("roots", new JsonObject());
        }

        @Override
        public Future<JsonObject> send(String method, JsonObject params) {
            return Future.succeededFuture(new JsonObject());
        }
    };

    @AfterAll
    static void close() {
        VERTX.close().await();
    }

    @FuzzTest(maxDuration = "20s")
    void anyMessageEndsTheCallItAnswersAndThrowsNothing(FuzzedDataProvider data) {
        boolean toTheCall = data.consumeBoolean();
        JsonObject message;
        try {
            message = new JsonObject(data.consumeRemainingAsString());
        } catch (RuntimeException notAnObject) {
            return;
        }
        List<JsonObject> sent = new ArrayList<>();
        JsonRpcPeer peer = new JsonRpcPeer("fuzzed", VERTX, sent::add, (id, reason) -> { });
        Future<JsonObject> call = peer.request(McpMethods.TOOLS_CALL, new JsonObject(), n -> { }, new Cancellation(), CLIENT, null);
        if (toTheCall) {
            message.put("id", sent.get(0).getValue("id"));
        }

        peer.receive(message, sent.get(0).getValue("id"));

        if (toTheCall && !message.containsKey("method")) {
            assertThat(call.isComplete()).as(message::encode).isTrue();
        }
        if (call.succeeded()) {
            JsonObject relayed = ServerAnswers.withoutGatewayMeta(call.result());
            if (relayed.getValue("_meta") instanceof JsonObject meta) {
                assertThat(meta.fieldNames()).noneMatch(key -> key.startsWith(MetaKeys.GATEWAY_PREFIX) || GATEWAY_KEYS.contains(key));
            }
            assertThat(ClientFulfilment.answer(relayed.getValue("inputRequests"), CLIENT)).isNotNull();
        }
        if (call.failed()) {
            assertThat(call.cause()).isInstanceOfSatisfying(RpcException.class, e -> assertThat(ErrorCodes.isGateways(e.code())).isFalse());
        }
        peer.close("fuzzed");
    }
}
