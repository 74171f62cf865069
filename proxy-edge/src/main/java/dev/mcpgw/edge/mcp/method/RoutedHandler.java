package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.downstream.DownstreamClient;
import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.downstream.Forwarder;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Function;

/**
 * A request about one listed item goes to the server that listed it, under that server's own key:
 * {@code prompts/get} by prompt name, {@code resources/read|subscribe|unsubscribe} by URI (a URI
 * no server listed goes to the server whose resource template matches it, else to the first server
 * with resources). An unknown prompt name is invalid params.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/resources#reading-resources">Resources, Reading resources</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/prompts#getting-a-prompt">Prompts, Getting a prompt</a>
 */
public final class RoutedHandler implements MethodHandler {
    private final Catalog.Kind kind;
    private final Function<String, Optional<Catalog.Entry>> lookup;
    private final DownstreamRouter router;
    private final Forwarder forwarder;

    /** Routes by the {@code kind}'s key field, finding the item with {@code lookup}. */
    public RoutedHandler(Catalog.Kind kind, Function<String, Optional<Catalog.Entry>> lookup, DownstreamRouter router, Forwarder forwarder) {
        this.kind = kind;
        this.lookup = lookup;
        this.router = router;
        this.forwarder = forwarder;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        String keyField = kind.keyField();
        if (!(call.paramsOrEmpty().getValue(keyField) instanceof String key)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: " + call.method() + " needs " + keyField);
        }
        Optional<Catalog.Entry> listed = lookup.apply(key);
        if (listed.isPresent()) {
            JsonObject params = call.params().copy().put(keyField, listed.get().name());
            return forwarder.forward(router.client(listed.get().server()), call.method(), params, call.notifications(), call.cancellation(), call.client());
        }
        if (kind.namespaced()) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Unknown " + keyField + ": " + key);
        }
        DownstreamClient fallback = router.firstWithCapability(kind.capability())
                .orElseThrow(() -> new RpcException(ErrorCodes.RESOURCE_NOT_FOUND, "Resource not found: " + key));
        return forwarder.forward(fallback, call.method(), call.params(), call.notifications(), call.cancellation(), call.client());
    }
}
