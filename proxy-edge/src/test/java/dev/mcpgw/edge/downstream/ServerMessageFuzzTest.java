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
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * Whatever JSON object a tool server sends while a client's call waits on it (an answer, a request,
 * a notification, with the call's id or another), the edge throws nothing, and an answer to the
 * call ends it; what it relays of a result carries none of the gateway's keys, and whatever it asks
 * the client, during the call or for input in its result, is read without throwing and reaches the
 * client marked with the server's name.
 */
class ServerMessageFuzzTest {
    private static final Vertx VERTX = Vertx.vertx();
    private static final ServerQuestions FUZZED = new ServerQuestions("fuzzed", DownstreamSpec.ALL_CLIENT_REQUESTS);
    private static final Set<String> GATEWAY_KEYS = Set.of(MetaKeys.AUTHORIZATION, MetaKeys.TOOL_APPROVAL_DISPOSITION, MetaKeys.RELATED_TASK,
            MetaKeys.MODEL_IMMEDIATE_RESPONSE);

    /** A client that declared everything, answers everything with an empty result, and keeps what it was asked. */
    private static final class AskedClient implements ClientRequests {
        private final List<Map.Entry<String, JsonObject>> asked = new ArrayList<>();

        @Override
        public JsonObject capabilities() {
            return new JsonObject().put("elicitation", new JsonObject()).put("sampling", new JsonObject()).put("roots", new JsonObject());
        }

        @Override
        public Future<JsonObject> send(String method, JsonObject params) {
            asked.add(new AbstractMap.SimpleEntry<>(method, params));
            return Future.succeededFuture(new JsonObject());
        }

        /** Every elicitation names the server that asks, and no sampling asks for context. */
        void assertAllMarked(String context) {
            asked.forEach(request -> {
                if (request.getKey().equals(ServerQuestions.ELICITATION)) {
                    assertThat(request.getValue().getString("message")).as(context).startsWith("Tool server fuzzed asks: ");
                }
                if (request.getKey().equals(ServerQuestions.SAMPLING)) {
                    assertThat(request.getValue().getValue("includeContext", "none")).as(context).isEqualTo("none");
                }
            });
        }
    }

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
        AskedClient client = new AskedClient();
        JsonRpcPeer peer = new JsonRpcPeer("fuzzed", VERTX, sent::add, (id, reason) -> { });
        Future<JsonObject> call = peer.request(McpMethods.TOOLS_CALL, new JsonObject(), n -> { }, new Cancellation(),
                FUZZED.asking(client), null);
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
            try {
                JsonObject marked = FUZZED.withMarkedInputRequests(relayed);
                if ("input_required".equals(marked.getValue("resultType"))) {
                    assertThat(ClientFulfilment.answer(marked.getValue("inputRequests"), client).succeeded()).as(message::encode).isTrue();
                }
            } catch (RpcException unreadable) {
                assertThat(unreadable.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
            }
        }
        if (call.failed()) {
            assertThat(call.cause()).isInstanceOfSatisfying(RpcException.class, e -> assertThat(ErrorCodes.isGateways(e.code())).isFalse());
        }
        client.assertAllMarked(message.encode());
        peer.close("fuzzed");
    }
}
