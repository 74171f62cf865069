package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.McpHeaders;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A tool server reached over Streamable HTTP: every message is a POST; the answer is a JSON body
 * or an event stream carrying the response and any notifications before it. Session era: the
 * session id from initialize, and the negotiated protocol version, go on every later request.
 * 2026-07-28: no session; each request carries its revision, method and name in headers mirrored
 * from its body, and is cancelled by closing its response stream.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http">Transports, Streamable HTTP</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http">Streamable HTTP (2026-07-28)</a>
 */
public final class HttpDownstream extends JsonRpcDownstream {
    private final HttpClient http;
    /** Requests waiting for their answer, by JSON-RPC id, so that a cancellation can close their stream. */
    private final Map<Object, HttpClientRequest> inFlight = new HashMap<>();
    private String sessionId;
    private String sessionProtocolVersion;

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
        String stateless = ProtocolVersions.declaredBy(message);
        if (McpMethods.CANCELLED.equals(message.getString("method")) && closeStreamOf(message) && ProtocolVersions.isStateless(protocolVersion())) {
            return;
        }
        RequestOptions options = options(HttpMethod.POST)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json, text/event-stream");
        if (stateless != null) {
            mirrorHeaders(options, stateless, message);
        } else if (sessionProtocolVersion != null) {
            options.putHeader(McpHeaders.PROTOCOL_VERSION, sessionProtocolVersion);
        }
        Object id = message.getValue("id");
        http.request(options)
                .compose(request -> {
                    if (id != null) {
                        inFlight.put(id, request);
                    }
                    return request.send(message.toBuffer());
                })
                .onSuccess(response -> receive(message, response))
                .onFailure(e -> {
                    inFlight.remove(id);
                    peer.failRequest(id, unavailable(e.getMessage()));
                });
    }

    private static void mirrorHeaders(RequestOptions options, String version, JsonObject message) {
        String method = message.getString("method");
        options.putHeader(McpHeaders.PROTOCOL_VERSION, version).putHeader(McpHeaders.METHOD, method);
        String source = McpHeaders.NAME_SOURCES.get(method);
        if (source != null && message.getJsonObject("params").getValue(source) instanceof String name) {
            options.putHeader(McpHeaders.NAME, McpHeaders.encode(name));
        }
    }

    /**
     * Closes the response stream of the request a cancellation names; true when it was still open.
     * In 2026-07-28 that is the cancellation itself. In the session era the cancellation message is
     * sent too, and closing the stream only spares a server that keeps no sessions (and so cannot
     * match the message to the request) from finishing work nobody waits for.
     */
    private boolean closeStreamOf(JsonObject cancellation) {
        Object requestId = cancellation.getJsonObject("params", new JsonObject()).getValue("requestId");
        HttpClientRequest request = requestId == null ? null : inFlight.remove(requestId);
        if (request == null) {
            return false;
        }
        request.reset();
        return true;
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
            inFlight.remove(sent.getValue("id"));
            response.body().onComplete(b -> refused(sent, response.statusCode(), b.succeeded() ? b.result() : null));
        } else if (type.startsWith("text/event-stream")) {
            SseParser parser = new SseParser(data -> deliver(Buffer.buffer(data), sent.getValue("id")));
            response.handler(chunk -> parser.feed(chunk.getBytes()));
        } else if (type.startsWith("application/json")) {
            response.body().onSuccess(body -> deliver(body, sent.getValue("id")));
        } else {
            response.body();
        }
    }

    /**
     * An HTTP error answer: a JSON-RPC error for the request it carried (a 2026-07-28 server refuses
     * that way, with -32021 or -32602, say) goes back to the caller as the server's own error; any
     * other body means the server is unavailable to this request.
     */
    private void refused(JsonObject sent, int status, Buffer body) {
        Object id = sent.getValue("id");
        try {
            if (body != null && Json.decodeValue(body) instanceof JsonObject answer && answer.getValue("error") instanceof JsonObject
                    && id != null && String.valueOf(id).equals(String.valueOf(answer.getValue("id")))) {
                peer.receive(answer, id);
                return;
            }
        } catch (DecodeException e) {
            // Not JSON: reported below with the body as it came.
        }
        peer.failRequest(id, unavailable("HTTP " + status + (body == null ? "" : " " + body)));
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
        if (JsonRpc.isResponse(message)) {
            inFlight.remove(message.getValue("id"));
        }
        if (sessionProtocolVersion == null && message.getJsonObject("result") != null) {
            sessionProtocolVersion = message.getJsonObject("result").getString("protocolVersion");
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
