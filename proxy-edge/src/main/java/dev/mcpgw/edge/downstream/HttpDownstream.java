package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.transport.StreamableHttpTransport;
import io.vertx.core.Future;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A tool server reached over Streamable HTTP (session era): every message is a POST; the answer is
 * a JSON body or an event stream carrying the response and any notifications before it. The
 * session id from initialize, and the negotiated protocol version, go on every later request.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http">Transports, Streamable HTTP</a>
 */
public final class HttpDownstream implements DownstreamClient {
    private final DownstreamSpec spec;
    private final HttpClient http;
    private final JsonRpcPeer peer;
    private String sessionId;
    private JsonObject initializeResult;
    private Future<Void> closing;

    /** All calls must be made on {@code context}; the HTTP client then answers there too. */
    public HttpDownstream(DownstreamSpec spec, Context context, Duration requestTimeout) {
        this.spec = spec;
        this.http = context.owner().createHttpClient();
        this.peer = new JsonRpcPeer(spec.name(), context.owner(), requestTimeout, this::post);
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Future<JsonObject> start() {
        return Handshake.initialize(this).onSuccess(result -> initializeResult = result);
    }

    private void post(JsonObject message) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(spec.url())
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json, text/event-stream");
        if (spec.headers() != null) {
            spec.headers().forEach(options::putHeader);
        }
        if (sessionId != null) {
            options.putHeader(StreamableHttpTransport.SESSION_HEADER, sessionId);
        }
        if (initializeResult != null) {
            options.putHeader(StreamableHttpTransport.VERSION_HEADER, initializeResult.getString("protocolVersion"));
        }
        http.request(options)
                .compose(request -> request.send(message.toBuffer()))
                .onSuccess(response -> receive(message, response))
                .onFailure(e -> peer.failRequest(message.getValue("id"), unavailable(e.getMessage())));
    }

    private void receive(JsonObject sent, HttpClientResponse response) {
        if (McpMethods.INITIALIZE.equals(sent.getString("method")) && response.getHeader(StreamableHttpTransport.SESSION_HEADER) != null) {
            sessionId = response.getHeader(StreamableHttpTransport.SESSION_HEADER);
        }
        String type = response.getHeader("Content-Type") == null ? "" : response.getHeader("Content-Type");
        if (response.statusCode() >= 300) {
            response.body().onComplete(b -> peer.failRequest(sent.getValue("id"),
                    unavailable("HTTP " + response.statusCode() + (b.succeeded() ? " " + b.result() : ""))));
        } else if (type.startsWith("text/event-stream")) {
            SseParser parser = new SseParser(data -> deliver(Buffer.buffer(data)));
            response.handler(chunk -> parser.feed(chunk.getBytes()));
        } else if (type.startsWith("application/json")) {
            response.body().onSuccess(this::deliver);
        } else {
            response.body();
        }
    }

    private void deliver(Buffer body) {
        Object decoded = Json.decodeValue(body);
        if (decoded instanceof JsonArray batch) {
            batch.forEach(item -> peer.receive((JsonObject) item));
        } else if (decoded instanceof JsonObject message) {
            peer.receive(message);
        }
    }

    private RpcException unavailable(String reason) {
        return new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + spec.name() + " unavailable: " + reason);
    }

    @Override
    public Future<JsonObject> request(String method, JsonObject params) {
        return peer.request(method, params);
    }

    @Override
    public void notify(String method, JsonObject params) {
        peer.notify(method, params);
    }

    @Override
    public void onNotification(Consumer<JsonObject> handler) {
        peer.onNotification(handler);
    }

    @Override
    public JsonObject initializeResult() {
        return initializeResult;
    }

    /** Ends the downstream session (DELETE), then closes the connection pool. Idempotent. */
    @Override
    public Future<Void> close() {
        if (closing == null) {
            peer.close("gateway shutting down");
            closing = sessionId == null ? http.close() : endSession().transform(r -> http.close());
        }
        return closing;
    }

    private Future<Void> endSession() {
        RequestOptions delete = new RequestOptions().setMethod(HttpMethod.DELETE).setAbsoluteURI(spec.url())
                .putHeader(StreamableHttpTransport.SESSION_HEADER, sessionId);
        if (spec.headers() != null) {
            spec.headers().forEach(delete::putHeader);
        }
        return http.request(delete).compose(r -> r.send()).mapEmpty();
    }
}
