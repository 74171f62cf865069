package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.discovery.AgentView;
import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.policy.model.Policy;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lists the items of one catalog (tools, prompts or resources of every downstream server) that the
 * policy in force could let the calling agent use ({@link AgentView}), in key order, a page at a
 * time. The cursor is opaque to clients (Base64 of the next offset).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination">Pagination</a>
 */
public final class CatalogListHandler implements MethodHandler {
    private final Catalog catalog;
    private final int pageSize;
    private final Supplier<Optional<Policy>> policy;

    public CatalogListHandler(Catalog catalog, int pageSize, Supplier<Optional<Policy>> policy) {
        this.catalog = catalog;
        this.pageSize = pageSize;
        this.policy = policy;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        List<Catalog.Entry> entries = AgentView.of(policy.get(), call.agent(), catalog, call.era());
        int from = offset(call.paramsOrEmpty().getString("cursor"));
        int to = Math.min(entries.size(), from + pageSize);
        JsonArray items = new JsonArray();
        entries.subList(Math.min(from, to), to).forEach(e -> items.add(e.definition()));
        JsonObject result = new JsonObject().put(catalog.kind().itemsKey(), items);
        if (to < entries.size()) {
            result.put("nextCursor", encode(to));
        }
        return Future.succeededFuture(result);
    }

    private static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid cursor");
        }
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
    }
}
