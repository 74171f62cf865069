package dev.mcpgw.edge.subscription;

import dev.mcpgw.edge.downstream.DownstreamClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's subscriptions to resource updates on the servers behind it: one per server and
 * resource however many clients need it (sessions that subscribed, listen streams that name it),
 * taken when the first client needs it and given up when the last one no longer does (it
 * unsubscribes, its session ends or expires, its stream closes). A server started again is
 * subscribed again to what its clients still need. Event loop only.
 */
public final class ResourceSubscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceSubscriptions.class);

    private record Key(String server, String uri) {
    }

    private final Function<String, Optional<DownstreamClient>> owner;
    private final Function<String, DownstreamClient> server;
    private final Map<Key, Integer> holders = new HashMap<>();

    /** {@code owner} finds the server a resource belongs to, {@code server} a server by name. */
    public ResourceSubscriptions(Function<String, Optional<DownstreamClient>> owner, Function<String, DownstreamClient> server) {
        this.owner = owner;
        this.server = server;
    }

    /**
     * A client needs the resource's updates until it runs the returned action (once; later runs do
     * nothing). The first client makes the server that owns the resource subscribe.
     */
    public Runnable hold(String uri) {
        Optional<DownstreamClient> owning = owner.apply(uri);
        if (owning.isEmpty()) {
            return () -> { };
        }
        Key key = new Key(owning.get().name(), uri);
        if (holders.merge(key, 1, Integer::sum) == 1) {
            owning.get().subscribeResource(uri).onFailure(e -> LOG.warn("tool server {} did not subscribe to {}: {}", key.server(), uri, e.getMessage()));
        }
        boolean[] released = {false};
        return () -> {
            if (!released[0]) {
                released[0] = true;
                release(key);
            }
        };
    }

    private void release(Key key) {
        if (holders.merge(key, -1, Integer::sum) == 0) {
            holders.remove(key);
            server.apply(key.server()).unsubscribeResource(key.uri());
        }
    }

    /** The resources some client still needs the updates of from {@code serverName}. */
    public List<String> held(String serverName) {
        List<String> uris = new ArrayList<>();
        holders.keySet().stream().filter(key -> key.server().equals(serverName)).forEach(key -> uris.add(key.uri()));
        return uris;
    }

    /** A server that started again is subscribed to every resource its clients still need (a refusal is only logged). */
    public void renew(DownstreamClient started) {
        held(started.name()).forEach(uri -> started.subscribeResource(uri)
                .onFailure(e -> LOG.warn("tool server {} did not subscribe to {} again: {}", started.name(), uri, e.getMessage())));
    }
}
