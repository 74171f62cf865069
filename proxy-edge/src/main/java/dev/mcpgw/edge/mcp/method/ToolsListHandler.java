package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.ToolCatalog;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Lists every downstream tool under its exposed name, in name order, a page at a time. The cursor
 * is opaque to clients (Base64 of the next offset).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools#listing-tools">Tools, Listing tools</a>
 */
public final class ToolsListHandler implements MethodHandler {
    private final ToolCatalog catalog;
    private final int pageSize;

    public ToolsListHandler(ToolCatalog catalog, int pageSize) {
        this.catalog = catalog;
        this.pageSize = pageSize;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        List<ToolCatalog.Entry> entries = catalog.entries();
        int from = offset(call.paramsOrEmpty().getString("cursor"));
        int to = Math.min(entries.size(), from + pageSize);
        JsonArray tools = new JsonArray();
        entries.subList(Math.min(from, to), to).forEach(e -> tools.add(e.definition()));
        JsonObject result = new JsonObject().put("tools", tools);
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
