package dev.mcpgw.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** A minimal Streamable HTTP client of the gateway: one session, tools/call over POST. */
final class GatewayHttpClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;
    private final String apiKey;
    private final AtomicLong ids = new AtomicLong();
    private String session;

    GatewayHttpClient(String endpoint, String apiKey) {
        this.endpoint = URI.create(endpoint);
        this.apiKey = apiKey;
    }

    void initialize() throws Exception {
        JsonObject init = new JsonObject().put("jsonrpc", "2.0").put("id", 0).put("method", "initialize")
                .put("params", new JsonObject().put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject())
                        .put("clientInfo", new JsonObject().put("name", "benchmark").put("version", "1")));
        HttpResponse<String> response = http.send(request(init), HttpResponse.BodyHandlers.ofString());
        session = response.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException(response.body()));
    }

    CompletableFuture<Boolean> call(JsonObject params) {
        JsonObject body = new JsonObject().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
                .put("method", "tools/call").put("params", params);
        return http.sendAsync(request(body), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            JsonObject result = new JsonObject(response.body()).getJsonObject("result");
            return response.statusCode() == 200 && result != null && !result.getBoolean("isError", false);
        });
    }

    private HttpRequest request(JsonObject body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (session != null) {
            builder.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        }
        return builder.build();
    }
}
