package dev.mcpgw.edge;

import dev.mcpgw.edge.mcp.McpHeaders;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP to the edge, for the requests a real MCP client would never send. */
final class RawMcpHttp {
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(120);
    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    RawMcpHttp(String url) {
        this.url = url;
    }

    HttpResponse<String> post(String body, Map<String, String> headers) {
        try {
            // Bounded, so that an edge that never answers fails its test instead of holding the build.
            return http.send(HttpRequest.newBuilder(request(body, headers), (name, value) -> true).timeout(SYNC_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ends a session (DELETE). */
    HttpResponse<String> delete(Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).DELETE();
        headers.forEach(request::setHeader);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
        return get("/metrics").body();
    }

    /** The body of the edge's /healthz. */
    String health() {
        return get("/healthz").body();
    }

    /** The HTTP status of the edge's /healthz. */
    int healthStatus() {
        return get("/healthz").statusCode();
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url.replace(EdgeVerticle.MCP_PATH, path))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A well-formed 2026-07-28 request as alice: the {@code _meta} envelope added to {@code params}
     * (declaring no client capabilities unless {@code params} does), and the headers mirrored from the body.
     */
    HttpResponse<String> stateless(Object id, String method, JsonObject params) {
        JsonObject request = statelessRequest(id, method, params);
        return post(request.encode(), statelessHeaders(request));
    }

    static JsonObject statelessRequest(Object id, String method, JsonObject params) {
        JsonObject meta = params.getJsonObject("_meta", new JsonObject()).copy()
                .put(MetaKeys.PROTOCOL_VERSION, ProtocolVersions.V2026_07_28)
                .put(MetaKeys.CLIENT_INFO, new JsonObject().put("name", "raw").put("version", "1"));
        if (!meta.containsKey(MetaKeys.CLIENT_CAPABILITIES)) {
            meta.put(MetaKeys.CLIENT_CAPABILITIES, new JsonObject());
        }
        JsonObject withMeta = params.copy().put("_meta", meta);
        return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("method", method).put("params", withMeta);
    }

    /** Alice's key, and the 2026-07-28 headers mirrored from {@code request}. */
    static Map<String, String> statelessHeaders(JsonObject request) {
        Map<String, String> headers = new HashMap<>(auth());
        headers.put(McpHeaders.PROTOCOL_VERSION, ProtocolVersions.V2026_07_28);
        headers.put(McpHeaders.METHOD, request.getString("method"));
        String source = McpHeaders.NAME_SOURCES.get(request.getString("method"));
        if (source != null) {
            headers.put(McpHeaders.NAME, McpHeaders.encode(request.getJsonObject("params").getString(source)));
        }
        return headers;
    }

    /**
     * Sends a request on a socket of its own and leaves the response unread: closing the socket
     * is a client closing the response stream.
     */
    Socket openStream(String body, Map<String, String> headers) {
        URI uri = URI.create(url);
        try {
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: "
                    + bytes.length + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a POST's headers announcing a body of {@code length} bytes, and none of the body. */
    Socket announceBody(int length, Map<String, String> headers) {
        URI uri = URI.create(url);
        try {
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            StringBuilder head = new StringBuilder("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
