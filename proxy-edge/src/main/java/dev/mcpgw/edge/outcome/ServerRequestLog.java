package dev.mcpgw.edge.outcome;

import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ResultTypes;
import dev.mcpgw.schemas.ServerRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client of one call, as the server sees it: each request the client is asked for the server
 * during the call (sampling, elicitation, roots) is noted, method and params digest in order, before
 * it goes on, so the call's outcome receipt shows what the server asked. The params are those the
 * client gets, marked by the gateway (see ServerQuestions); a request the gateway refused to relay
 * is not noted here but logged.
 */
final class ServerRequestLog implements ClientRequests {
    private final ClientRequests client;
    private final List<ServerRequest> requests = new ArrayList<>();

    ServerRequestLog(ClientRequests client) {
        this.client = client;
    }

    @Override
    public JsonObject capabilities() {
        return client.capabilities();
    }

    @Override
    public Optional<String> logLevel() {
        return client.logLevel();
    }

    @Override
    public Future<JsonObject> send(String method, JsonObject params) {
        note(method, params);
        return client.send(method, params);
    }

    synchronized void note(String method, JsonObject params) {
        requests.add(new ServerRequest(method, OutcomeRecorder.digest(params == null ? new JsonObject() : params)));
    }

    /** A result that asks the client for input (2026-07-28) carries the server's requests instead: noted in their order. */
    void noteInputRequests(JsonObject result) {
        if (result != null && ResultTypes.INPUT_REQUIRED.equals(result.getValue("resultType"))
                && result.getValue("inputRequests") instanceof JsonObject inputRequests) {
            inputRequests.forEach(entry -> {
                if (entry.getValue() instanceof JsonObject request) {
                    note(String.valueOf(request.getValue("method")), request.getValue("params") instanceof JsonObject p ? p : null);
                }
            });
        }
    }

    synchronized List<ServerRequest> requests() {
        return List.copyOf(requests);
    }
}
