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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool server reached over Streamable HTTP: every message is a POST; the answer is a JSON body
 * or an event stream carrying the response and any notifications before it. Session era: the
 * session id from initialize, and the negotiated protocol version, go on every later request.
 * 2026-07-28: no session; each request carries its revision, method and name in headers mirrored
 * from its body, and is cancelled by closing its response stream. A session the server forgot
 * (HTTP 404) is opened again and the request it refused sent again, once. A session's standalone
 * stream is kept open (see {@link SessionEventStream}). No body or event is read past the server's
 * cap ({@link DownstreamSpec#maxMessageBytes}): the request it answered fails at once naming the
 * cap, its stream is closed, and the server serves later requests as before.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http">Transports, Streamable HTTP</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http">Streamable HTTP (2026-07-28)</a>
 */
public final class HttpDownstream extends JsonRpcDownstream {
    private static final Logger LOG = LoggerFactory.getLogger(HttpDownstream.class);
    private final HttpClient http;
    /** Requests waiting for their answer, by JSON-RPC id, so that a cancellation can close their stream. */
    private final Map<Object, HttpClientRequest> inFlight = new HashMap<>();
    private String sessionId;
    private String sessionProtocolVersion;
    /** A new session being opened because the server forgot the last one; requests wait for it. */
    private Future<Void> renewal;
    /** The session's stream of what the server says outside requests; session era only. */
    private SessionEventStream events;

    /** All calls must be made on {@code context}; the HTTP client then answers there too. */
    public HttpDownstream(DownstreamSpec spec, Context context, Duration requestTimeout) {
        this(spec, context, requestTimeout, () -> { });
    }

    /** The same, telling {@code messageTooLarge} of each body or event over the server's cap. */
    public HttpDownstream(DownstreamSpec spec, Context context, Duration requestTimeout, Runnable messageTooLarge) {
        super(spec, context, requestTimeout, messageTooLarge);
        this.http = context.owner().createHttpClient();
    }

    @Override
    protected Future<Void> connect() {
        return Future.succeededFuture();
    }

    /** Opens the session's standalone stream, which carries the server's list changes and resource updates. */
    @Override
    protected void sessionOpened() {
        if (events == null) {
            events = new SessionEventStream(spec.name(), http, context.owner(), () -> {
                RequestOptions get = options(HttpMethod.GET, sessionId);
                return sessionProtocolVersion == null ? get : get.putHeader(McpHeaders.PROTOCOL_VERSION, sessionProtocolVersion);
            }, spec.maxMessageBytes(), this::unrelated, this::tooLarge, this::mayHaveMissedChanges);
        }
        events.open();
    }

    /** Messages on the standalone stream relate to no request; what is not JSON-RPC is dropped. */
    private void unrelated(String data) {
        Object decoded;
        try {
            decoded = Json.decodeValue(data);
        } catch (DecodeException e) {
            if (isPriming(data)) {
                return;
            }
            LOG.warn("tool server {} sent an event that is not JSON on its stream; dropped", spec.name());
            return;
        }
        for (Object item : decoded instanceof JsonArray batch ? batch : new JsonArray().add(decoded)) {
            try {
                peer.receiveUnrelated(JsonRpc.validate(item));
            } catch (RpcException e) {
                LOG.warn("tool server {} sent a message that is not JSON-RPC on its stream; dropped: {}", spec.name(), e.getMessage());
            }
        }
    }

    @Override
    protected void send(JsonObject message) {
        if (renewal != null && !opensSession(message)) {
            renewal.onComplete(r -> post(message, false));
        } else {
            post(message, false);
        }
    }

    /** {@code retry}: the message is sent again in a new session because the server forgot the last one. */
    private void post(JsonObject message, boolean retry) {
        String stateless = ProtocolVersions.declaredBy(message);
        // A new session is asked for without the old one's id (the server may have forgotten it).
        String session = McpMethods.INITIALIZE.equals(message.getString("method")) ? null : sessionId;
        RequestOptions options = options(HttpMethod.POST, session)
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
                .onSuccess(response -> receive(message, session, retry, response))
                .onFailure(e -> {
                    inFlight.remove(id);
                    peer.failRequest(id, unavailable(e.getMessage()));
                });
    }

    /** The handshake's own messages go while a new session is being opened; all others wait for it. */
    private static boolean opensSession(JsonObject message) {
        return McpMethods.INITIALIZE.equals(message.getString("method")) || McpMethods.INITIALIZED.equals(message.getString("method"));
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
     * Closes the request's response stream. In 2026-07-28 that is the cancellation itself. In the
     * session era (or when the stream is no longer open) notifications/cancelled is sent too, and
     * closing the stream only spares a server that keeps no sessions (and so cannot match the
     * message to the request) from finishing work nobody waits for.
     */
    @Override
    protected void cancel(long requestId, String reason) {
        HttpClientRequest request = inFlight.remove(requestId);
        if (request != null) {
            request.reset();
        }
        if (request == null || !era().isStateless()) {
            super.cancel(requestId, reason);
        }
    }

    private RequestOptions options(HttpMethod method, String session) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(spec.url());
        if (spec.headers() != null) {
            spec.headers().forEach(options::putHeader);
        }
        if (session != null) {
            options.putHeader(McpHeaders.SESSION, session);
        }
        return options;
    }

    private void receive(JsonObject sent, String session, boolean retry, HttpClientResponse response) {
        if (McpMethods.INITIALIZE.equals(sent.getString("method")) && response.statusCode() < 300) {
            sessionId = response.getHeader(McpHeaders.SESSION);
            sessionProtocolVersion = null;
        }
        if (response.statusCode() == 404 && session != null && sent.getValue("id") != null) {
            inFlight.remove(sent.getValue("id"));
            body(sent, response).onComplete(b -> sessionForgotten(sent, session, retry));
            return;
        }
        String type = response.getHeader("Content-Type") == null ? "" : response.getHeader("Content-Type");
        if (response.statusCode() >= 300) {
            inFlight.remove(sent.getValue("id"));
            body(sent, response).onSuccess(b -> refused(sent, response.statusCode(), b))
                    .onFailure(e -> refused(sent, response.statusCode(), null));
        } else if (type.startsWith("text/event-stream")) {
            SseParser parser = new SseParser(spec.maxMessageBytes(), data -> deliver(Buffer.buffer(data), sent.getValue("id")), () -> {
                overCap(sent, "an event on its response stream longer than that");
                response.request().reset();
            });
            response.handler(chunk -> parser.feed(chunk.getBytes()));
            response.exceptionHandler(e -> unanswered(sent, "its response stream broke (" + e.getMessage() + ")"));
            response.endHandler(v -> unanswered(sent, "it ended the response stream without answering"));
        } else if (type.startsWith("application/json")) {
            body(sent, response).onSuccess(body -> deliver(body, sent.getValue("id")))
                    .onComplete(body -> unanswered(sent, "its response carried no answer"));
        } else {
            body(sent, response).onComplete(body -> unanswered(sent, "it answered with " + (type.isEmpty() ? "no content type" : type)));
        }
    }

    /** The response's body, read no further than the server's cap: past it, the request it answered fails now. */
    private Future<Buffer> body(JsonObject sent, HttpClientResponse response) {
        return BoundedBody.read(response, spec.maxMessageBytes()).onFailure(e -> {
            if (e instanceof BoundedBody.TooLarge tooLarge) {
                overCap(sent, tooLarge.getMessage());
            }
        });
    }

    private void overCap(JsonObject sent, String what) {
        Object id = sent.getValue("id");
        inFlight.remove(id);
        peer.failRequest(id, unavailable(tooLarge(what)));
    }

    /**
     * The response to a request is over: if it carried no answer (a server that ends a stream, such
     * as a subscriptions/listen stream, without its result), the request fails now rather than
     * waiting for its timeout, or, for a subscription, for ever. A request cancelled meanwhile has
     * already left {@link #inFlight}.
     */
    private void unanswered(JsonObject sent, String reason) {
        Object id = sent.getValue("id");
        if (id != null && inFlight.remove(id) != null && peer.awaits(id)) {
            peer.failRequest(id, unavailable(reason));
        }
    }

    /**
     * A 404 to a request carrying a session id means the server no longer knows the session (it
     * expired, or the server restarted) and did not process the request: a new session is opened
     * and the request sent again, once. A request that fails so again, or whose new session cannot
     * be opened, fails with the reason; one the client gave up on meanwhile is not sent again.
     *
     * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management">Session Management</a>
     */
    private void sessionForgotten(JsonObject sent, String session, boolean retry) {
        Object id = sent.getValue("id");
        if (retry) {
            peer.failRequest(id, unavailable("it forgot the new session too (HTTP 404 right after the gateway opened it)"));
            return;
        }
        renewSession(session).onComplete(renewed -> {
            if (renewed.failed()) {
                peer.failRequest(id, unavailable("it forgot the gateway's session (HTTP 404) and opening a new one failed: "
                        + renewed.cause().getMessage()));
            } else if (peer.awaits(id)) {
                post(sent, true);
            }
        });
    }

    /** One new session however many requests found the old one forgotten; none when another request has already opened it. */
    private Future<Void> renewSession(String forgotten) {
        if (renewal != null || !forgotten.equals(sessionId)) {
            return renewal == null ? Future.succeededFuture() : renewal;
        }
        LOG.info("tool server {} forgot its session; opening a new one", spec.name());
        Future<Void> opening = Handshake.open(this, protocolVersion()).mapEmpty();
        renewal = opening;
        opening.onComplete(r -> renewal = null).onSuccess(v -> sessionRenewed());
        return opening;
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

    /**
     * Messages on a POST's answer relate to the request it carried. What the server sent is not
     * trusted to be JSON-RPC: text that is not JSON, and items of a batch that are not objects, are
     * dropped (the request then fails when its stream ends or its time runs out), so they cannot
     * break the stream for the messages around them; a priming event is skipped without a word.
     */
    private void deliver(Buffer body, Object relatedRequestId) {
        Object decoded;
        try {
            decoded = Json.decodeValue(body);
        } catch (DecodeException e) {
            if (isPriming(body.toString())) {
                return;
            }
            LOG.warn("tool server {} sent a message that is not JSON; dropped", spec.name());
            return;
        }
        if (decoded instanceof JsonArray batch) {
            for (Object item : batch) {
                if (item instanceof JsonObject message) {
                    receiveMessage(message, relatedRequestId);
                } else {
                    LOG.warn("tool server {} sent a batch item that is not a JSON-RPC message; dropped", spec.name());
                }
            }
        } else if (decoded instanceof JsonObject message) {
            receiveMessage(message, relatedRequestId);
        }
    }

    /**
     * An event with empty data carries no message: since 2025-11-25 a server opening an event stream
     * "SHOULD immediately send an SSE event consisting of an event ID and an empty {@code data} field
     * in order to prime the client to reconnect" (the TypeScript SDK does on every stream), so
     * warning of each would log one warning per request.
     *
     * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server">Sending Messages to the Server</a>
     */
    private static boolean isPriming(String data) {
        return data.isBlank();
    }

    /** The first result of a session answers initialize: its protocolVersion goes on every later request. */
    private void receiveMessage(JsonObject message, Object relatedRequestId) {
        if (JsonRpc.isResponse(message)) {
            inFlight.remove(message.getValue("id"));
        }
        if (sessionProtocolVersion == null && message.getValue("result") instanceof JsonObject result
                && result.getValue("protocolVersion") instanceof String version) {
            sessionProtocolVersion = version;
        }
        peer.receive(message, relatedRequestId);
    }

    private RpcException unavailable(String reason) {
        return new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + spec.name() + " unavailable: " + reason);
    }

    /** Ends the downstream session (DELETE; a server that does not answer is not waited for), then closes the connection pool. */
    @Override
    protected Future<Void> disconnect() {
        if (events != null) {
            events.stop();
        }
        Future<Void> ended = sessionId == null ? Future.succeededFuture()
                : http.request(options(HttpMethod.DELETE, sessionId).setIdleTimeout(requestTimeout().toMillis())).compose(r -> r.send()).mapEmpty();
        return ended.transform(r -> http.close());
    }
}
