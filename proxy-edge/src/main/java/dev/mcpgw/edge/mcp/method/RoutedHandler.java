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

/**
 * A request about one listed item goes to the server that listed it, under that server's own key:
 * {@code prompts/get} by prompt name, {@code resources/read|subscribe|unsubscribe} by URI. A URI no
 * server listed (a templated one, say) goes to the first server with resources; an unknown prompt
 * name is invalid params.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/resources#reading-resources">Resources, Reading resources</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/prompts#getting-a-prompt">Prompts, Getting a prompt</a>
 */
public final class RoutedHandler implements MethodHandler {
    private final Catalog catalog;
    private final DownstreamRouter router;
    private final Forwarder forwarder;

    public RoutedHandler(Catalog catalog, DownstreamRouter router, Forwarder forwarder) {
        this.catalog = catalog;
        this.router = router;
        this.forwarder = forwarder;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        String keyField = catalog.kind().keyField();
        if (!(call.paramsOrEmpty().getValue(keyField) instanceof String key)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: " + call.method() + " needs " + keyField);
        }
        Optional<Catalog.Entry> listed = catalog.lookup(key);
        if (listed.isPresent()) {
            JsonObject params = call.params().copy().put(keyField, listed.get().name());
            return forwarder.forward(router.client(listed.get().server()), call.method(), params, call.notifications());
        }
        if (catalog.kind().namespaced()) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Unknown " + catalog.kind().keyField() + ": " + key);
        }
        DownstreamClient fallback = router.firstWithCapability(catalog.kind().capability())
                .orElseThrow(() -> new RpcException(ErrorCodes.RESOURCE_NOT_FOUND, "Resource not found: " + key));
        return forwarder.forward(fallback, call.method(), call.params(), call.notifications());
    }
}
