package dev.mcpgw.edge.downstream;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** The tool, prompt and resource catalogs, refreshed together at start and each on its list_changed notification. */
public final class Catalogs {
    private final Catalog tools;
    private final Catalog prompts;
    private final Catalog resources;
    private final Map<String, Catalog> byListChanged;

    public Catalogs(List<DownstreamSpec> servers) {
        this.tools = new Catalog(Catalog.TOOLS, servers);
        this.prompts = new Catalog(Catalog.PROMPTS, servers);
        this.resources = new Catalog(Catalog.RESOURCES, servers);
        this.byListChanged = Map.of(
                "notifications/tools/list_changed", tools,
                "notifications/prompts/list_changed", prompts,
                "notifications/resources/list_changed", resources);
    }

    public Future<Void> refresh(DownstreamClient client, DownstreamSpec spec) {
        return Future.all(tools.refresh(client, spec), prompts.refresh(client, spec), resources.refresh(client, spec)).mapEmpty();
    }

    /** Refreshes the catalog a list_changed notification is about; false for any other notification. */
    public boolean refreshOnListChanged(JsonObject notification, DownstreamClient client, DownstreamSpec spec) {
        Catalog changed = byListChanged.get(notification.getString("method"));
        if (changed == null) {
            return false;
        }
        changed.refresh(client, spec);
        return true;
    }

    public Catalog tools() {
        return tools;
    }

    public Catalog prompts() {
        return prompts;
    }

    public Catalog resources() {
        return resources;
    }
}
