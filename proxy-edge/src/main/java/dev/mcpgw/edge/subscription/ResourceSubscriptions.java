package dev.mcpgw.edge.subscription;

import dev.mcpgw.edge.downstream.DownstreamClient;
import dev.mcpgw.edge.downstream.ServerHalf;
import dev.mcpgw.edge.mcp.Era;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
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

    private record Key(ServerHalf half, String uri) {
    }

    private final BiFunction<String, Era, Optional<ServerHalf>> owner;
    private final Function<ServerHalf, DownstreamClient> connection;
    private final Map<Key, Integer> holders = new HashMap<>();

    /**
     * {@code owner} finds the connection that reports a resource's updates to a client of an era
     * (a dual-era server's halves may differ in that), {@code connection} a half's connection.
     */
    public ResourceSubscriptions(BiFunction<String, Era, Optional<ServerHalf>> owner, Function<ServerHalf, DownstreamClient> connection) {
        this.owner = owner;
        this.connection = connection;
    }

    /**
     * A client of {@code era} needs the resource's updates until it runs the returned action (once;
     * later runs do nothing). The first client makes the connection that reports them subscribe.
     */
    public Runnable hold(String uri, Era era) {
        Optional<ServerHalf> owning = owner.apply(uri, era);
        if (owning.isEmpty()) {
            return () -> { };
        }
        Key key = new Key(owning.get(), uri);
        if (holders.merge(key, 1, Integer::sum) == 1) {
            connection.apply(key.half()).subscribeResource(uri)
                    .onFailure(e -> LOG.warn("tool server {} did not subscribe to {}: {}", key.half().describe(), uri, e.getMessage()));
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
            connection.apply(key.half()).unsubscribeResource(key.uri());
        }
    }

    /** The resources some client still needs the updates of from {@code half}. */
    public List<String> held(ServerHalf half) {
        List<String> uris = new ArrayList<>();
        holders.keySet().stream().filter(key -> key.half().equals(half)).forEach(key -> uris.add(key.uri()));
        return uris;
    }

    /** A half that started again ({@code started}, its new connection) is subscribed to every resource its clients still need (a refusal is only logged). */
    public void renew(ServerHalf half, DownstreamClient started) {
        held(half).forEach(uri -> started.subscribeResource(uri)
                .onFailure(e -> LOG.warn("tool server {} did not subscribe to {} again: {}", half.describe(), uri, e.getMessage())));
    }
}
