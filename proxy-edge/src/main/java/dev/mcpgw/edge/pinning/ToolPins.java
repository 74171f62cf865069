package dev.mcpgw.edge.pinning;

import dev.mcpgw.edge.decision.TopicPublisher;
import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.PollLoop;
import dev.mcpgw.kafka.ToolPinTopic;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.ToolPin;
import dev.mcpgw.schemas.ToolPinEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The pins of every tool, as gateway.tool-pins holds them: read to its end at start (blocking,
 * so the catalog is judged against every pin recorded before), then followed, so that what
 * another edge instance pinned, or an operator accepted, reaches this one. A pin that moved (a
 * new pinned hash or source) is reported by server to {@link #onChange}, on the edge's context; a
 * change another instance recorded is only taken note of, so that instances whose servers list
 * different definitions do not set each other off.
 * Writes go to gateway.tool-pins with their event on gateway.tool-pin-events.
 */
public final class ToolPins implements AutoCloseable {
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, ToolPin> pins = new ConcurrentHashMap<>();
    private final TopicPublisher<ToolPin> pinWriter;
    private final TopicPublisher<ToolPinEvent> eventWriter;
    private final PollLoop<String, ToolPin> follower;
    private volatile Consumer<String> changed = server -> { };

    /** Blocks until the topic is read to its end. */
    public ToolPins(String bootstrapServers, Context context, Duration deliveryTimeout, DeadLetterReporter deadLetters) {
        long next = load(bootstrapServers);
        this.pinWriter = new TopicPublisher<>(Topics.TOOL_PINS, bootstrapServers, deliveryTimeout, context);
        this.eventWriter = new TopicPublisher<>(Topics.TOOL_PIN_EVENTS, bootstrapServers, deliveryTimeout, context);
        this.follower = new PollLoop<>("tool-pins", follower(bootstrapServers, next), record -> context.runOnContext(v -> learn(record.value())),
                deadLetters).start();
    }

    /**
     * Reads every pin recorded so far, a tombstone taking its tool's pin away (the follower, like
     * every poll loop, reports tombstones as dead letters: one takes effect at the next start);
     * returns the offset after the last record read.
     */
    private long load(String bootstrapServers) {
        long[] next = {0};
        TopicConsumers.readToEnd(bootstrapServers, Topics.TOOL_PINS.name(), Topics.TOOL_PINS, LOAD_TIMEOUT, record -> {
            if (record.value() != null) {
                pins.put(ToolPinTopic.key(record.value().getServer(), record.value().getTool()), record.value());
            } else if (record.key() != null) {
                pins.remove(record.key());
            }
            next[0] = record.offset() + 1;
            return true;
        });
        return next[0];
    }

    private static KafkaConsumer<String, ToolPin> follower(String bootstrapServers, long from) {
        // Right after what was read at start: an older record read again would stand for a while in place of a newer one.
        return TopicConsumers.followingFrom(bootstrapServers, Topics.TOOL_PINS, from);
    }

    /** Called with a server's name, on the edge's context, when one of its tools' pins changed. */
    public void onChange(Consumer<String> listener) {
        changed = listener;
    }

    public Optional<ToolPin> get(String server, String tool) {
        return Optional.ofNullable(pins.get(ToolPinTopic.key(server, tool)));
    }

    /** Takes {@code pin} as the tool's state at once, and completes when the broker has it and its event. */
    public Future<Void> record(ToolPin pin, ToolPinEvent event) {
        String key = ToolPinTopic.key(pin.getServer(), pin.getTool());
        pins.put(key, pin);
        return pinWriter.publish(key, event.getAt(), pin).compose(v -> eventWriter.publish(key, event.getAt(), event));
    }

    private void learn(ToolPin pin) {
        ToolPin known = pins.put(ToolPinTopic.key(pin.getServer(), pin.getTool()), pin);
        if (known == null || !Objects.equals(known.getPinnedHash(), pin.getPinnedHash()) || known.getSource() != pin.getSource()) {
            changed.accept(pin.getServer());
        }
    }

    public boolean isFollowing() {
        return follower.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        follower.close();
        pinWriter.close();
        eventWriter.close();
    }
}
