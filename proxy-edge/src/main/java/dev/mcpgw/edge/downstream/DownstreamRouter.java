package dev.mcpgw.edge.downstream;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The running downstream sessions by server name, in config order. */
public final class DownstreamRouter {
    private final Map<String, DownstreamClient> clients = new LinkedHashMap<>();

    public void add(DownstreamClient client) {
        clients.put(client.name(), client);
    }

    public DownstreamClient client(String server) {
        DownstreamClient client = clients.get(server);
        if (client == null) {
            throw new IllegalArgumentException("no tool server named " + server);
        }
        return client;
    }

    /** The first server (in config order) whose initialize result declares the capability. */
    public Optional<DownstreamClient> firstWithCapability(String capability) {
        return allWithCapability(capability).stream().findFirst();
    }

    /** Every server (in config order) whose initialize result declares the capability. */
    public List<DownstreamClient> allWithCapability(String capability) {
        return clients.values().stream()
                .filter(c -> c.initializeResult() != null
                        && c.initializeResult().getJsonObject("capabilities", new JsonObject()).containsKey(capability))
                .toList();
    }

    public List<DownstreamClient> all() {
        return List.copyOf(clients.values());
    }

    public Future<Void> closeAll() {
        List<Future<Void>> closing = new ArrayList<>();
        clients.values().forEach(c -> closing.add(c.close()));
        return Future.join(closing).mapEmpty();
    }
}
