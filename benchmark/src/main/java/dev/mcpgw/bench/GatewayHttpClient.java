package dev.mcpgw.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Streamable HTTP client of the gateway, tools/call over POST: in one 2025-11-25
 * session (after {@link #initialize}), or as a 2026-07-28 client, each request carrying its
 * revision and capabilities in {@code _meta} and its mirrored headers.
 */
final class GatewayHttpClient {
    private static final String STATELESS = "2026-07-28";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;
    private final String apiKey;
    private final boolean stateless;
    private final AtomicLong ids = new AtomicLong();
    private String session;

    private GatewayHttpClient(String endpoint, String apiKey, boolean stateless) {
        this.endpoint = URI.create(endpoint);
        this.apiKey = apiKey;
        this.stateless = stateless;
    }

    /** A session-era client: call {@link #initialize} before anything else. */
    static GatewayHttpClient inSession(String endpoint, String apiKey) {
        return new GatewayHttpClient(endpoint, apiKey, false);
    }

    static GatewayHttpClient stateless(String endpoint, String apiKey) {
        return new GatewayHttpClient(endpoint, apiKey, true);
    }

    void initialize() throws Exception {
        JsonObject init = new JsonObject().put("jsonrpc", "2.0").put("id", 0).put("method", "initialize")
                .put("params", new JsonObject().put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject())
                        .put("clientInfo", new JsonObject().put("name", "benchmark").put("version", "1")));
        HttpResponse<String> response = http.send(request(init), HttpResponse.BodyHandlers.ofString());
        session = response.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException(response.body()));
    }

    /** Completes true when the call ran: a result without isError. */
    CompletableFuture<Boolean> call(JsonObject params) {
        return send(params).thenApply(result -> result != null && !result.getBoolean("isError", false));
    }

    /** Completes true when the gateway refused the call: a result with isError and the gateway's decision. */
    CompletableFuture<Boolean> refusedCall(JsonObject params) {
        return send(params).thenApply(result -> result != null && result.getBoolean("isError", false)
                && result.getJsonObject("_meta", new JsonObject()).containsKey("dev.mcpgw/decision"));
    }

    private CompletableFuture<JsonObject> send(JsonObject params) {
        JsonObject sent = stateless ? params.copy().put("_meta", new JsonObject()
                .put("io.modelcontextprotocol/protocolVersion", STATELESS)
                .put("io.modelcontextprotocol/clientCapabilities", new JsonObject())) : params;
        JsonObject body = new JsonObject().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
                .put("method", "tools/call").put("params", sent);
        return http.sendAsync(request(body), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 200 ? new JsonObject(response.body()).getJsonObject("result") : null);
    }

    private HttpRequest request(JsonObject body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (stateless) {
            builder.header("MCP-Protocol-Version", STATELESS).header("Mcp-Method", body.getString("method"))
                    .header("Mcp-Name", body.getJsonObject("params").getString("name"));
        } else if (session != null) {
            builder.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        }
        return builder.build();
    }
}
