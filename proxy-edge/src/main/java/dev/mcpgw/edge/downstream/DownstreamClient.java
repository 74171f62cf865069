package dev.mcpgw.edge.downstream;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * The edge's MCP client session with one tool server. Futures complete on the edge's event loop;
 * a JSON-RPC error from the server fails the future with an RpcException carrying it unchanged.
 */
public interface DownstreamClient {

    String name();

    /** Connects and performs the initialize handshake; yields the server's InitializeResult. */
    Future<JsonObject> start();

    Future<JsonObject> request(String method, JsonObject params);

    void notify(String method, JsonObject params);

    /** Receives the server's notifications (list changes, progress, log messages). */
    void onNotification(Consumer<JsonObject> handler);

    /** The server's InitializeResult, once started. */
    JsonObject initializeResult();

    Future<Void> close();
}
