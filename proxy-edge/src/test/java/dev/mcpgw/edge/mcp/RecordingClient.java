package dev.mcpgw.edge.mcp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A client that declared elicitation, answers whatever it is asked with {@code answer}, and remembers what it was asked. */
public final class RecordingClient implements ClientRequests {
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<JsonObject> askedParams = new CopyOnWriteArrayList<>();
    private final JsonObject answer;

    public RecordingClient(JsonObject answer) {
        this.answer = answer;
    }

    public List<String> asked() {
        return asked;
    }

    /** The params of each request, in the order asked. */
    public List<JsonObject> askedParams() {
        return askedParams;
    }

    @Override
    public JsonObject capabilities() {
        return new JsonObject().put("elicitation", new JsonObject());
    }

    @Override
    public Future<JsonObject> send(String method, JsonObject params) {
        asked.add(method);
        askedParams.add(params);
        return Future.succeededFuture(answer.copy());
    }
}
