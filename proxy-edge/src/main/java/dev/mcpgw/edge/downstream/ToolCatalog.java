package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.McpMethods;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every downstream tool under the name clients see ({@code prefix__tool}, or the bare name for a
 * server configured without prefix), in a stable order. A name two servers would both expose is
 * given to the first server in config order and reported.
 * <p>
 * When the gateway fronts a single server without prefix it must look exactly like that server, so
 * a name the server did not list is still routed to it (it answers unknown tools its own way); the
 * call is proposed and decided like any other. Otherwise an unlisted name is unknown.
 */
public final class ToolCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ToolCatalog.class);

    /** A tool as the client sees it, and where it really lives. */
    public record Entry(String exposedName, String server, String tool, JsonObject definition) {
    }

    private final List<String> serverOrder;
    private final String soleUnprefixedServer;
    private final Map<String, List<Entry>> byServer = new TreeMap<>();
    private Map<String, Entry> byExposedName = new TreeMap<>();

    public ToolCatalog(List<DownstreamSpec> servers) {
        this.serverOrder = servers.stream().map(DownstreamSpec::name).toList();
        this.soleUnprefixedServer = servers.size() == 1 && servers.get(0).exposedName("x").equals("x") ? servers.get(0).name() : null;
    }

    /** Reads every page of the server's tools/list and replaces that server's entries. */
    public Future<Void> refresh(DownstreamClient client, DownstreamSpec spec) {
        return listAll(client, null, new ArrayList<>()).map(tools -> {
            List<Entry> entries = tools.stream().map(tool -> {
                String exposed = spec.exposedName(tool.getString("name"));
                return new Entry(exposed, spec.name(), tool.getString("name"), tool.copy().put("name", exposed));
            }).toList();
            byServer.put(spec.name(), entries);
            rebuildIndex();
            LOG.info("catalog: {} tools from {}", entries.size(), spec.name());
            return null;
        });
    }

    private Future<List<JsonObject>> listAll(DownstreamClient client, String cursor, List<JsonObject> acc) {
        JsonObject params = cursor == null ? null : new JsonObject().put("cursor", cursor);
        return client.request(McpMethods.TOOLS_LIST, params).compose(result -> {
            JsonArray tools = result.getJsonArray("tools", new JsonArray());
            tools.forEach(t -> acc.add((JsonObject) t));
            String next = result.getString("nextCursor");
            return next == null || next.isEmpty() ? Future.succeededFuture(acc) : listAll(client, next, acc);
        });
    }

    private void rebuildIndex() {
        Map<String, Entry> index = new TreeMap<>();
        for (String server : serverOrder) {
            for (Entry entry : byServer.getOrDefault(server, List.of())) {
                Entry previous = index.putIfAbsent(entry.exposedName(), entry);
                if (previous != null) {
                    LOG.warn("tool name {} of {} is hidden: {} already exposes it", entry.exposedName(), server, previous.server());
                }
            }
        }
        byExposedName = index;
    }

    public Optional<Entry> lookup(String exposedName) {
        Entry listed = byExposedName.get(exposedName);
        if (listed == null && soleUnprefixedServer != null) {
            return Optional.of(new Entry(exposedName, soleUnprefixedServer, exposedName, null));
        }
        return Optional.ofNullable(listed);
    }

    /** All entries in name order. */
    public List<Entry> entries() {
        return List.copyOf(byExposedName.values());
    }
}
