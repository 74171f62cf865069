package dev.mcpgw.edge.subscription;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The changes of the servers behind the gateway that clients may listen for: list changes (after
 * the gateway's own catalog has caught up, so a client that lists again sees the new list) and
 * resource updates. Event loop only.
 */
public final class ChangeFeed {
    private final List<Consumer<JsonObject>> listeners = new ArrayList<>();

    /** Starts handing every change (a notification) to {@code listener}; running the returned action stops it. */
    public Runnable subscribe(Consumer<JsonObject> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(JsonObject notification) {
        List.copyOf(listeners).forEach(listener -> listener.accept(notification));
    }
}
