package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Lists the items of one catalog (tools, prompts or resources of every downstream server) in key
 * order, a page at a time. The cursor is opaque to clients (Base64 of the next offset).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination">Pagination</a>
 */
public final class CatalogListHandler implements MethodHandler {
    private final Catalog catalog;
    private final int pageSize;

    public CatalogListHandler(Catalog catalog, int pageSize) {
        this.catalog = catalog;
        this.pageSize = pageSize;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        List<Catalog.Entry> entries = catalog.entries();
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
