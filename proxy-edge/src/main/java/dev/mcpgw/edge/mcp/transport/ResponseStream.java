package dev.mcpgw.edge.mcp.transport;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The answer to one POSTed request. It stays a plain JSON response unless a notification for the
 * request (progress, for instance) must go out first: then, if the client accepts event streams,
 * the response becomes {@code text/event-stream}, carrying the notifications and finally the
 * response. A client that accepts only JSON gets the response without the notifications.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server">Sending messages to the server</a>
 */
final class ResponseStream {
    private final RoutingContext ctx;
    private final boolean clientAcceptsEvents;
    private boolean streaming;

    ResponseStream(RoutingContext ctx) {
        this.ctx = ctx;
        String accept = ctx.request().getHeader("Accept");
        this.clientAcceptsEvents = accept != null && accept.contains("text/event-stream");
    }

    void notify(JsonObject notification) {
        send(notification);
    }

    /** A request of the gateway's to the client, about this call (session era only); false when it cannot go out. */
    boolean request(JsonObject request) {
        return send(request);
    }

    /**
     * False when the message cannot go out. A notification or request while the client leaves the
     * stream unread (its write queue full) is not queued: progress and log messages are advisory,
     * and a client that does not read cannot answer a request; the final response always goes out.
     */
    private boolean send(JsonObject message) {
        if (!clientAcceptsEvents || ctx.response().ended() || ctx.response().closed() || ctx.response().writeQueueFull()) {
            return false;
        }
        if (!streaming) {
            streaming = true;
            ctx.response().setStatusCode(200).setChunked(true)
                    .putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
        }
        write(ctx.response(), message);
        return true;
    }

    void complete(JsonObject response) {
        complete(response, 200);
    }

    /** The response, with {@code status} if it is the only thing sent (a stream already begun is 200). */
    void complete(JsonObject response, int status) {
        if (streaming) {
            if (!ctx.response().ended() && !ctx.response().closed()) {
                write(ctx.response(), response);
                ctx.response().end();
            }
        } else {
            HttpReplies.json(ctx, status, response);
        }
    }

    private static void write(HttpServerResponse response, JsonObject message) {
        response.write("event: message\ndata: " + message.encode() + "\n\n");
    }
}
