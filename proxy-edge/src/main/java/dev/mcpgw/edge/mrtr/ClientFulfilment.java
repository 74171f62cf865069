package dev.mcpgw.edge.mrtr;

import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.downstream.ServerQuestions;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bridges a 2026-07-28 server's input requests to a session-era client: each one is asked of the
 * client as the 2025 revisions let a server ask (elicitation, sampling, roots), and the answers
 * become the {@code inputResponses} of the retry. A request for a capability the client did not
 * declare fails the call with MissingRequiredClientCapability rather than ask it anyway.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">Multi Round-Trip Requests</a>
 */
public final class ClientFulfilment {
    /** How many rounds of questions one call may take before the gateway gives up on it. */
    public static final int MAX_ROUNDS = 8;

    private ClientFulfilment() {
    }

    /**
     * The client's answers to {@code inputRequests}, by the same keys (none asked: none given). The
     * server's requests are not trusted to be well formed: one that is not a request object, or that
     * this client may not be asked, fails the call before the client is asked anything.
     */
    public static Future<JsonObject> answer(Object inputRequests, ClientRequests client) {
        Map<String, JsonObject> asked;
        try {
            asked = ServerQuestions.inputRequests(inputRequests);
        } catch (RpcException unreadable) {
            return Future.failedFuture(unreadable);
        }
        for (JsonObject request : asked.values()) {
            Optional<RpcException> refusal = client.refusal(request.getString("method"));
            if (refusal.isPresent()) {
                return Future.failedFuture(refusal.get());
            }
        }
        List<Future<Map.Entry<String, Object>>> answers = new ArrayList<>();
        asked.forEach((key, request) ->
                answers.add(client.send(request.getString("method"), request.getJsonObject("params")).map(result -> Map.entry(key, result))));
        return Future.all(answers).map(all -> {
            JsonObject responses = new JsonObject();
            answers.forEach(answer -> responses.put(answer.result().getKey(), answer.result().getValue()));
            return responses;
        });
    }
}
