package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes a request to its method handler; an unknown method, or a handler that throws, becomes a JSON-RPC error. */
public final class MethodDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(MethodDispatcher.class);
    private final Map<String, MethodHandler> handlers = new HashMap<>();

    public MethodDispatcher on(String method, MethodHandler handler) {
        handlers.put(method, handler);
        return this;
    }

    /** A dispatcher for the methods of one protocol era: the same handlers, only those named. */
    public MethodDispatcher only(Set<String> methods) {
        MethodDispatcher subset = new MethodDispatcher();
        handlers.forEach((method, handler) -> {
            if (methods.contains(method)) {
                subset.on(method, handler);
            }
        });
        return subset;
    }

    public boolean handles(String method) {
        return handlers.containsKey(method);
    }

    public Future<JsonObject> dispatch(McpCall call) {
        MethodHandler handler = handlers.get(call.method());
        if (handler == null) {
            return Future.failedFuture(new RpcException(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + call.method()));
        }
        try {
            return handler.handle(call);
        } catch (RpcException e) {
            return Future.failedFuture(e);
        } catch (RuntimeException e) {
            LOG.error("{} failed", call.method(), e);
            return Future.failedFuture(new RpcException(ErrorCodes.INTERNAL_ERROR, "Internal error"));
        }
    }
}
