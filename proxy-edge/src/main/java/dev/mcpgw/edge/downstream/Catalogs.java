package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Era;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tool, prompt, resource and resource template catalogs, refreshed together at start and each
 * on its list_changed notification (resources and their templates share one). Tools pass
 * {@code toolGuard} (their pins and their text) before clients see them.
 */
public final class Catalogs {
    private final Catalog tools;
    private final Catalog prompts;
    private final Catalog resources;
    private final Catalog resourceTemplates;
    private final Map<String, List<Catalog>> byListChanged;

    public Catalogs(List<DownstreamSpec> servers, ItemGuard toolGuard) {
        this.tools = new Catalog(Catalog.TOOLS, servers, toolGuard);
        this.prompts = new Catalog(Catalog.PROMPTS, servers);
        this.resources = new Catalog(Catalog.RESOURCES, servers);
        this.resourceTemplates = new Catalog(Catalog.RESOURCE_TEMPLATES, servers);
        this.byListChanged = Map.of(
                "notifications/tools/list_changed", List.of(tools),
                "notifications/prompts/list_changed", List.of(prompts),
                "notifications/resources/list_changed", List.of(resources, resourceTemplates));
    }

    public Future<Void> refresh(DownstreamClient client, ServerHalf half) {
        return Future.all(tools.refresh(client, half), prompts.refresh(client, half),
                resources.refresh(client, half), resourceTemplates.refresh(client, half)).mapEmpty();
    }

    /** Refreshes the catalogs a list_changed notification is about; empty for any other notification. */
    public Optional<Future<Void>> refreshOnListChanged(JsonObject notification, DownstreamClient client, ServerHalf half) {
        List<Catalog> changed = byListChanged.get(notification.getString("method"));
        if (changed == null) {
            return Optional.empty();
        }
        return Optional.of(Future.all(changed.stream().map(catalog -> catalog.refresh(client, half)).toList()).mapEmpty());
    }

    /** The server a resource URI belongs to, for {@code era}'s clients: the one that listed it, else the first whose template matches it. */
    public Optional<Catalog.Entry> resourceOwner(String uri, Era era) {
        return resources.lookup(uri, era).or(() -> resourceTemplates.templateMatching(uri, era)
                .map(template -> new Catalog.Entry(uri, template.server(), uri, null)));
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

    public Catalog resourceTemplates() {
        return resourceTemplates;
    }
}
