package dev.mcpgw.edge;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A 2025-11-25 client that takes tasks, speaking JSON-RPC over HTTP to one edge instance (the
 * MCP Java SDK this project tests with has no tasks yet): a session opened with the tasks
 * capability, then requests whose answer (a JSON body or the last event of a stream) is returned
 * whole, result or error.
 */
final class TaskSession {
    private final RawMcpHttp http;
    private final String key;
    private final String session;
    private final AtomicInteger ids = new AtomicInteger(1);
    private final JsonObject initializeResult;

    TaskSession(String mcpUrl, String key) {
        this.http = new RawMcpHttp(mcpUrl);
        this.key = key;
        HttpResponse<String> opened = http.post(new JsonObject().put("jsonrpc", "2.0").put("id", 0).put("method", "initialize")
                .put("params", new JsonObject().put("protocolVersion", "2025-11-25").put("clientInfo", new JsonObject().put("name", "tasks").put("version", "1"))
                        .put("capabilities", new JsonObject().put("tasks", new JsonObject().put("list", new JsonObject()).put("cancel", new JsonObject()))))
                .encode(), Map.of("Authorization", "Bearer " + key));
        this.session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
        this.initializeResult = answer(opened).getJsonObject("result");
        http.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", headers());
    }

    JsonObject initializeResult() {
        return initializeResult;
    }

    /** The whole JSON-RPC answer to {@code method} with {@code params}. */
    JsonObject request(String method, Object params) {
        return answer(http.post(new JsonObject().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method)
                .put("params", params).encode(), headers()));
    }

    /** The whole answer to a request body written as is. */
    JsonObject raw(String body) {
        return answer(http.post(body, headers()));
    }

    JsonObject result(String method, JsonObject params) {
        JsonObject answer = request(method, params);
        if (!answer.containsKey("result")) {
            throw new AssertionError(method + " failed: " + answer.encode());
        }
        return answer.getJsonObject("result");
    }

    /** Calls the demo server's echo as a task. */
    JsonObject echoAsTask(String text) {
        return result("tools/call", new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", text))
                .put("task", new JsonObject().put("ttl", 60_000)));
    }

    JsonObject get(String taskId) {
        return result("tasks/get", new JsonObject().put("taskId", taskId));
    }

    private Map<String, String> headers() {
        return Map.of("Authorization", "Bearer " + key, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
    }

    private static JsonObject answer(HttpResponse<String> response) {
        String body = response.body().strip();
        if (body.startsWith("{")) {
            return new JsonObject(body);
        }
        return body.lines().filter(l -> l.startsWith("data: ")).map(l -> new JsonObject(l.substring(6)))
                .filter(m -> m.containsKey("result") || m.containsKey("error")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no answer in " + response.statusCode() + " " + body));
    }
}
