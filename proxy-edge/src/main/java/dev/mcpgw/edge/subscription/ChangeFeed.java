package dev.mcpgw.edge.subscription;

import dev.mcpgw.edge.identity.Agent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The changes of the servers behind the gateway that clients may listen for: list changes (after
 * the gateway's own catalog has caught up, so a client that lists again sees the new list) and
 * resource updates, and the list changes a new policy makes for some agents only. Event loop only.
 */
public final class ChangeFeed {
    private final List<Listener> listeners = new ArrayList<>();

    private record Listener(Agent agent, Consumer<JsonObject> consumer) {
    }

    /** Starts handing {@code agent}'s changes (notifications) to {@code listener}; running the returned action stops it. */
    public Runnable subscribe(Agent agent, Consumer<JsonObject> listener) {
        Listener added = new Listener(agent, listener);
        listeners.add(added);
        return () -> listeners.remove(added);
    }

    /** A change for every listener. */
    public void publish(JsonObject notification) {
        publish(notification, agent -> true);
    }

    /** A change for the listeners of the agents {@code audience} accepts. */
    public void publish(JsonObject notification, Predicate<Agent> audience) {
        List.copyOf(listeners).stream().filter(listener -> audience.test(listener.agent()))
                .forEach(listener -> listener.consumer().accept(notification));
    }
}
