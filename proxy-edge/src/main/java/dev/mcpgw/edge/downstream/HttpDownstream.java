package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.McpHeaders;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * A tool server reached over Streamable HTTP (session era): every message is a POST; the answer is
 * a JSON body or an event stream carrying the response and any notifications before it. The
 * session id from initialize, and the negotiated protocol version, go on every later request.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http">Transports, Streamable HTTP</a>
 */
public final class HttpDownstream extends JsonRpcDownstream {
    private final HttpClient http;
    private String sessionId;
    private String protocolVersion;

    /** All calls must be made on {@code context}; the HTTP client then answers there too. */
    public HttpDownstream(DownstreamSpec spec, Context context, Duration requestTimeout) {
        super(spec, context, requestTimeout);
        this.http = context.owner().createHttpClient();
    }

    @Override
    protected Future<Void> connect() {
        return Future.succeededFuture();
    }

    @Override
    protected void send(JsonObject message) {
        RequestOptions options = options(HttpMethod.POST)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json, text/event-stream");
        if (protocolVersion != null) {
            options.putHeader(McpHeaders.PROTOCOL_VERSION, protocolVersion);
        }
        http.request(options)
                .compose(request -> request.send(message.toBuffer()))
                .onSuccess(response -> receive(message, response))
                .onFailure(e -> peer.failRequest(message.getValue("id"), unavailable(e.getMessage())));
    }

    private RequestOptions options(HttpMethod method) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(spec.url());
        if (spec.headers() != null) {
            spec.headers().forEach(options::putHeader);
        }
        if (sessionId != null) {
            options.putHeader(McpHeaders.SESSION, sessionId);
        }
        return options;
    }

    private void receive(JsonObject sent, HttpClientResponse response) {
        if (McpMethods.INITIALIZE.equals(sent.getString("method"))) {
            sessionId = response.getHeader(McpHeaders.SESSION);
        }
        String type = response.getHeader("Content-Type") == null ? "" : response.getHeader("Content-Type");
        if (response.statusCode() >= 300) {
            response.body().onComplete(b -> peer.failRequest(sent.getValue("id"),
                    unavailable("HTTP " + response.statusCode() + (b.succeeded() ? " " + b.result() : ""))));
        } else if (type.startsWith("text/event-stream")) {
            SseParser parser = new SseParser(data -> deliver(Buffer.buffer(data), sent.getValue("id")));
            response.handler(chunk -> parser.feed(chunk.getBytes()));
        } else if (type.startsWith("application/json")) {
            response.body().onSuccess(body -> deliver(body, sent.getValue("id")));
        } else {
            response.body();
        }
    }

    /** Messages on a POST's answer relate to the request it carried. */
    private void deliver(Buffer body, Object relatedRequestId) {
        Object decoded = Json.decodeValue(body);
        if (decoded instanceof JsonArray batch) {
            batch.forEach(item -> receiveMessage((JsonObject) item, relatedRequestId));
        } else if (decoded instanceof JsonObject message) {
            receiveMessage(message, relatedRequestId);
        }
    }

    /** The first result of a session answers initialize: its protocolVersion goes on every later request. */
    private void receiveMessage(JsonObject message, Object relatedRequestId) {
        if (protocolVersion == null && message.getJsonObject("result") != null) {
            protocolVersion = message.getJsonObject("result").getString("protocolVersion");
        }
        peer.receive(message, relatedRequestId);
    }

    private RpcException unavailable(String reason) {
        return new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + spec.name() + " unavailable: " + reason);
    }

    /** Ends the downstream session (DELETE), then closes the connection pool. */
    @Override
    protected Future<Void> disconnect() {
        Future<Void> ended = sessionId == null ? Future.succeededFuture()
                : http.request(options(HttpMethod.DELETE)).compose(r -> r.send()).mapEmpty();
        return ended.transform(r -> http.close());
    }
}
