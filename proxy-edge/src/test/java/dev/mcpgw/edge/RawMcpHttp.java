package dev.mcpgw.edge;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP to the edge, for the requests a real MCP client would never send. */
final class RawMcpHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    RawMcpHttp(String url) {
        this.url = url;
    }

    HttpResponse<String> post(String body, Map<String, String> headers) {
        try {
            return http.send(request(body, headers), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends without waiting, for a request that is to be cancelled while it runs. */
    CompletableFuture<HttpResponse<String>> postAsync(String body, Map<String, String> headers) {
        return http.sendAsync(request(body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::setHeader);
        return request.build();
    }

    /** The edge's Prometheus scrape. */
    String metrics() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url.replace(EdgeVerticle.MCP_PATH, "/metrics"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a session as alice and returns its id. */
    String initialize() {
        HttpResponse<String> response = post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""", auth());
        return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + EdgeFixture.ALICE_KEY);
    }

    static Map<String, String> session(String id) {
        return Map.of("Authorization", "Bearer " + EdgeFixture.ALICE_KEY, "Mcp-Session-Id", id);
    }

    static int errorCode(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getInteger("code");
    }
}
