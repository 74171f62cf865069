package dev.mcpgw.edge.downstream;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Decides what clients see of an item a server lists, and whether requests for it are refused. */
public interface ItemGuard {
    /** Lets every item through as the server lists it. */
    ItemGuard NONE = (half, item) -> Future.succeededFuture(new Guarded(item, null));

    /**
     * @param shown    what clients see (under the server's own name; the catalog namespaces it); null: not listed
     * @param heldBack why requests for it are refused; null: they are not
     */
    record Guarded(JsonObject shown, String heldBack) {
    }

    /** {@code half}: the connection that listed it (its pins are the half's, see {@link ServerHalf#pinSubject}). */
    Future<Guarded> guard(ServerHalf half, JsonObject item);
}
