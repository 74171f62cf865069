package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Era;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running downstream connections by server name, in config order, each found by the era of
 * the client it serves: a dual-era server's request goes to the half of the client's era, any
 * other server's to its one connection (see {@link ServerHalf}).
 */
public final class DownstreamRouter {
    private record Routed(ServerHalf half, DownstreamClient client) {
    }

    private final Map<String, Map<Era, Routed>> servers = new LinkedHashMap<>();

    public void add(ServerHalf half, DownstreamClient client) {
        Map<Era, Routed> byEra = servers.computeIfAbsent(half.server(), name -> new EnumMap<>(Era.class));
        half.eras().forEach(era -> byEra.put(era, new Routed(half, client)));
    }

    /** The connection serving {@code era}'s clients of the server. */
    public DownstreamClient client(String server, Era era) {
        return routed(server, era).client();
    }

    /** The half serving {@code era}'s clients of the server. */
    public ServerHalf half(String server, Era era) {
        return routed(server, era).half();
    }

    private Routed routed(String server, Era era) {
        Map<Era, Routed> byEra = servers.get(server);
        if (byEra == null) {
            throw new IllegalArgumentException("no tool server named " + server);
        }
        return byEra.get(era);
    }

    /**
     * The half that reports a resource's updates to {@code era}'s clients: theirs when it declares
     * resource subscriptions, else the other half if it does (a dual-era server may offer them in
     * one era only; the gateway's subscription is its own, so either serves), else theirs.
     */
    public ServerHalf reporting(String server, Era era) {
        ServerHalf theirs = half(server, era);
        if (subscribable(client(server, era))) {
            return theirs;
        }
        Era other = era.isStateless() ? Era.SESSION : Era.STATELESS;
        return subscribable(client(server, other)) ? half(server, other) : theirs;
    }

    /** Whether a half of the server reports resource updates to {@code era}'s clients. */
    public boolean reportsResourceUpdates(String server, Era era) {
        return subscribable(client(reporting(server, era)));
    }

    private static boolean subscribable(DownstreamClient client) {
        JsonObject started = client.initializeResult();
        return started != null && started.getJsonObject("capabilities", new JsonObject()).getJsonObject(Catalog.RESOURCES.capability(), new JsonObject())
                .getBoolean("subscribe", false);
    }

    /** The connection of a half. */
    public DownstreamClient client(ServerHalf half) {
        return client(half.server(), half.eras().iterator().next());
    }

    /** The first server (in config order) whose connection for {@code era}'s clients declares the capability. */
    public Optional<DownstreamClient> firstWithCapability(String capability, Era era) {
        return allWithCapability(capability, era).stream().findFirst();
    }

    /** Every server (in config order) whose connection for {@code era}'s clients declares the capability. */
    public List<DownstreamClient> allWithCapability(String capability, Era era) {
        return servers.values().stream().map(byEra -> byEra.get(era).client())
                .filter(c -> c.initializeResult() != null
                        && c.initializeResult().getJsonObject("capabilities", new JsonObject()).containsKey(capability))
                .toList();
    }

    /** Every half, in config order (a dual-era server's session half first). */
    public List<ServerHalf> halves() {
        return routes().stream().map(Routed::half).toList();
    }

    /** The halves of one server. */
    public List<ServerHalf> halves(String server) {
        return halves().stream().filter(half -> half.server().equals(server)).toList();
    }

    private List<Routed> routes() {
        return servers.values().stream().flatMap(byEra -> byEra.values().stream()).distinct().toList();
    }

    public Future<Void> closeAll() {
        List<Future<Void>> closing = new ArrayList<>();
        routes().forEach(routed -> closing.add(routed.client().close()));
        return Future.join(closing).mapEmpty();
    }
}
