package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Era;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of listed item (tools, prompts, resources or resource templates) of every downstream server, under the key
 * clients use, in a stable order. Tools and prompts are namespaced ({@code prefix__name}, or the
 * bare name for a server configured without prefix); resources and templates keep their URIs. A key two servers
 * would both expose goes to the first server in config order and is reported. What a client sees
 * depends on its era only for a dual-era server, whose halves are listed apart (see {@link ServerHalf}).
 * <p>
 * When the gateway fronts a single server without prefix it must look exactly like that server, so
 * a tool or prompt name the server did not list is still routed to it (it answers unknown names its
 * own way). Otherwise an unlisted key is unknown.
 * <p>
 * Every item passes an {@link ItemGuard} before clients see it: it may be changed, left out, or
 * held back (requests for it refused; see {@link #heldBack}). An item that is not an object with
 * its key as a string is left out and reported: no listed item can stop the others.
 */
public final class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    /** What is listed: the list method, the array in its result, the key field, the capability, whether keys are namespaced. */
    public record Kind(String listMethod, String itemsKey, String keyField, String capability, boolean namespaced) {
    }

    /** The most pages and items read of one server's list: far more than a real server lists. */
    static final int MAX_PAGES = 1_000;
    static final int MAX_ITEMS = 10_000;

    public static final Kind TOOLS = new Kind("tools/list", "tools", "name", "tools", true);
    public static final Kind PROMPTS = new Kind("prompts/list", "prompts", "name", "prompts", true);
    public static final Kind RESOURCES = new Kind("resources/list", "resources", "uri", "resources", false);
    public static final Kind RESOURCE_TEMPLATES = new Kind("resources/templates/list", "resourceTemplates", "uriTemplate", "resources", false);

    /** An item as the client sees it, and where it really lives. */
    public record Entry(String exposedName, String server, String name, JsonObject definition) {
    }

    private final Kind kind;
    private final List<String> serverOrder;
    private final String soleUnprefixedServer;
    private final ItemGuard guard;
    /** Per server, what each era's clients see of it: the same for a server's one connection, each half's own for a dual-era server. */
    private final Map<String, Map<Era, List<Entry>>> byServer = new TreeMap<>();
    private final Map<String, Map<Era, Map<String, String>>> heldByServer = new TreeMap<>();
    private Map<Era, Map<String, Entry>> byExposedName = new EnumMap<>(Era.class);
    private Map<Era, Map<String, String>> heldByExposedName = new EnumMap<>(Era.class);

    public Catalog(Kind kind, List<DownstreamSpec> servers) {
        this(kind, servers, ItemGuard.NONE);
    }

    public Catalog(Kind kind, List<DownstreamSpec> servers, ItemGuard guard) {
        this.kind = kind;
        this.guard = guard;
        this.serverOrder = servers.stream().map(DownstreamSpec::name).toList();
        this.soleUnprefixedServer = kind.namespaced() && servers.size() == 1 && servers.get(0).exposedName("x").equals("x")
                ? servers.get(0).name() : null;
    }

    public Kind kind() {
        return kind;
    }

    /** Reads every page of the half's list (if it has the capability) and replaces what its clients see of that server. */
    public Future<Void> refresh(DownstreamClient client, ServerHalf half) {
        DownstreamSpec spec = half.spec();
        if (!client.initializeResult().getJsonObject("capabilities", new JsonObject()).containsKey(kind.capability())) {
            return Future.succeededFuture();
        }
        return listAll(client, null, new ArrayList<>(), 0).compose(items -> {
            List<JsonObject> listed = items.stream().filter(item -> wellFormed(item, spec)).map(JsonObject.class::cast).toList();
            return Future.all(listed.stream().map(item -> guard.guard(half, item)).toList()).map(guarded -> {
                List<Entry> entries = new ArrayList<>();
                Map<String, String> held = new TreeMap<>();
                for (int i = 0; i < listed.size(); i++) {
                    ItemGuard.Guarded item = guarded.resultAt(i);
                    if (item.shown() != null) {
                        entries.add(entry(item.shown(), spec));
                    }
                    if (item.heldBack() != null) {
                        held.put(exposedKey(listed.get(i), spec), item.heldBack());
                    }
                }
                half.eras().forEach(era -> {
                    byServer.computeIfAbsent(spec.name(), name -> new EnumMap<>(Era.class)).put(era, entries);
                    heldByServer.computeIfAbsent(spec.name(), name -> new EnumMap<>(Era.class)).put(era, held);
                });
                rebuildIndex();
                LOG.info("catalog: {} {} from {}, {} held back", entries.size(), kind.itemsKey(), half.describe(), held.size());
                return null;
            });
        });
    }

    private boolean wellFormed(Object item, DownstreamSpec spec) {
        if (item instanceof JsonObject object && object.getValue(kind.keyField()) instanceof String) {
            return true;
        }
        LOG.warn("{} of {}: an item that is not an object with a string {} is left out", kind.itemsKey(), spec.name(), kind.keyField());
        return false;
    }

    private String exposedKey(JsonObject item, DownstreamSpec spec) {
        String key = item.getString(kind.keyField());
        return kind.namespaced() ? spec.exposedName(key) : key;
    }

    private Entry entry(JsonObject item, DownstreamSpec spec) {
        String key = item.getString(kind.keyField());
        if (!kind.namespaced()) {
            return new Entry(key, spec.name(), key, item);
        }
        String exposed = spec.exposedName(key);
        return new Entry(exposed, spec.name(), key, item.copy().put(kind.keyField(), exposed));
    }

    /**
     * Every page of the server's list, following its cursors at most {@link #MAX_PAGES} pages and
     * {@link #MAX_ITEMS} items deep: a server that hands out cursors without end would otherwise
     * keep the edge asking, and holding what it listed, for ever.
     */
    private Future<List<Object>> listAll(DownstreamClient client, String cursor, List<Object> acc, int pages) {
        JsonObject params = cursor == null ? null : new JsonObject().put("cursor", cursor);
        return client.request(kind.listMethod(), params).compose(result -> {
            JsonArray items = result.getJsonArray(kind.itemsKey(), new JsonArray());
            items.forEach(acc::add);
            String next = result.getString("nextCursor");
            if (next == null || next.isEmpty()) {
                return Future.succeededFuture(acc);
            }
            if (pages + 1 >= MAX_PAGES || acc.size() >= MAX_ITEMS) {
                return Future.failedFuture(new IllegalStateException(client.name() + "'s " + kind.itemsKey() + " not listed: it had more after "
                        + (pages + 1) + " pages and " + acc.size() + " items, more than the gateway reads (" + MAX_PAGES + " pages, "
                        + MAX_ITEMS + " items)"));
            }
            return listAll(client, next, acc, pages + 1);
        });
    }

    private void rebuildIndex() {
        Map<Era, Map<String, Entry>> index = new EnumMap<>(Era.class);
        Map<Era, Map<String, String>> held = new EnumMap<>(Era.class);
        for (Era era : Era.values()) {
            index.put(era, indexOf(era));
            Map<String, String> heldOfEra = new TreeMap<>();
            heldByServer.values().forEach(byEra -> heldOfEra.putAll(byEra.getOrDefault(era, Map.of())));
            held.put(era, heldOfEra);
        }
        byExposedName = index;
        heldByExposedName = held;
    }

    private Map<String, Entry> indexOf(Era era) {
        Map<String, Entry> index = new TreeMap<>();
        for (String server : serverOrder) {
            for (Entry entry : byServer.getOrDefault(server, Map.of()).getOrDefault(era, List.of())) {
                Entry previous = index.putIfAbsent(entry.exposedName(), entry);
                if (previous != null) {
                    LOG.warn("{} {} of {} is hidden: {} already exposes it", kind.itemsKey(), entry.exposedName(), server, previous.server());
                }
            }
        }
        return index;
    }

    /** Why requests of {@code era}'s clients for this item are refused, when the guard holds it back (listed or not). */
    public Optional<String> heldBack(String exposedName, Era era) {
        return Optional.ofNullable(heldByExposedName.getOrDefault(era, Map.of()).get(exposedName));
    }

    /**
     * Whether {@code era}'s clients are still offered {@code exposedName} as {@code server}'s
     * {@code name}, not held back: what a call decided a while ago (under review, say) needs before
     * it runs.
     */
    public boolean stillOffers(String exposedName, Era era, String server, String name) {
        return heldBack(exposedName, era).isEmpty()
                && lookup(exposedName, era).filter(entry -> entry.server().equals(server) && entry.name().equals(name)).isPresent();
    }

    /** The item as {@code era}'s clients see it. */
    public Optional<Entry> lookup(String exposedName, Era era) {
        Entry listed = byExposedName.getOrDefault(era, Map.of()).get(exposedName);
        if (listed == null && soleUnprefixedServer != null) {
            return Optional.of(new Entry(exposedName, soleUnprefixedServer, exposedName, null));
        }
        return Optional.ofNullable(listed);
    }

    /** The first entry {@code era}'s clients see, in key order, whose key is a URI template that could have produced {@code uri}. */
    public Optional<Entry> templateMatching(String uri, Era era) {
        return entries(era).stream().filter(e -> UriTemplateMatch.matches(e.name(), uri)).findFirst();
    }

    /** All entries {@code era}'s clients see, in key order. */
    public List<Entry> entries(Era era) {
        return List.copyOf(byExposedName.getOrDefault(era, Map.of()).values());
    }
}
