package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.Era;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * The edge's MCP client session with one tool server. Futures complete on the edge's event loop;
 * a JSON-RPC error from the server fails the future with an RpcException carrying it unchanged.
 */
public interface DownstreamClient {

    String name();

    /** Connects and opens the session (server/discover or initialize); yields what the server said about itself. */
    Future<JsonObject> start();

    /** The MCP revision spoken with the server, once started. */
    String protocolVersion();

    /** The era of the revision spoken with the server, once started: what the edge asks to bridge a client of the other era. */
    default Era era() {
        return Era.of(protocolVersion());
    }

    /**
     * A request on a client's behalf: log messages the server sends about it go to {@code related}
     * (where the transport can tell), requests the server sends the client meanwhile go to
     * {@code asker}, and cancelling it tells the server and fails the future.
     */
    Future<JsonObject> request(String method, JsonObject params, Consumer<JsonObject> related, Cancellation cancellation,
                               ClientRequests asker);

    /** A request of the gateway's own, which no client can cancel and no server request can reach. */
    default Future<JsonObject> request(String method, JsonObject params) {
        return request(method, params, n -> { }, new Cancellation(), ClientRequests.declaredOnly(new JsonObject()));
    }

    void notify(String method, JsonObject params);

    /**
     * The level from which a session-era server sends log messages on the session (logging/setLevel),
     * set again on any new session that replaces it; nothing for a 2026-07-28 server, which takes a
     * level with each request instead.
     */
    Future<Void> setLogLevel(String level);

    /**
     * Has the server report the resource's updates from now on: the gateway's own subscription,
     * one however many clients want them. A session-era server is sent {@code resources/subscribe};
     * a 2026-07-28 server is listened to with the resource in the filter. Completes once the server
     * has taken it (a second call for the resource gets the same answer), or fails with its refusal.
     */
    Future<Void> subscribeResource(String uri);

    /** The resource's updates are wanted no longer: {@code resources/unsubscribe}, or the listen filter without it. */
    void unsubscribeResource(String uri);

    /** Receives the server's notifications (list changes, progress, log messages tied to no request). */
    void onNotification(Consumer<JsonObject> handler);

    /**
     * Told once, on the event loop, when the channel to the server is lost without the gateway
     * closing it (a stdio server's process exited, its pipes broke); not when {@link #close} ends it.
     */
    void onDisconnected(Consumer<String> handler);

    /** What the server said about itself once started (its InitializeResult or DiscoverResult: both carry its capabilities). */
    JsonObject initializeResult();

    Future<Void> close();
}
