package dev.mcpgw.kafka;

import dev.mcpgw.schemas.PinSource;
import dev.mcpgw.schemas.ToolPin;
import dev.mcpgw.schemas.ToolPinEvent;
import dev.mcpgw.schemas.ToolPinEventKind;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/** Reading and writing tool pins ({@link Topics#TOOL_PINS}) and their trail ({@link Topics#TOOL_PIN_EVENTS}). */
public final class ToolPinTopic {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private ToolPinTopic() {
    }

    /** The record key of a server's tool. */
    public static String key(String server, String tool) {
        return server + "/" + tool;
    }

    /**
     * The latest pin of every tool, by key; a record that cannot be read, or names no tool, is
     * passed over, and a tombstone removes its key's pin.
     */
    public static Map<String, ToolPin> readAll(String bootstrapServers) {
        Map<String, ToolPin> pins = new TreeMap<>();
        TopicConsumers.readToEnd(bootstrapServers, Topics.TOOL_PINS.name(), Topics.TOOL_PINS, READ_TIMEOUT, record -> {
            if (record.value() != null) {
                pins.put(key(record.value().getServer(), record.value().getTool()), record.value());
            } else if (record.key() != null) {
                pins.remove(record.key());
            }
            return true;
        });
        return pins;
    }

    /**
     * Accepts the change held back for a server's tool: its changed definition becomes the pin,
     * recorded with an ACCEPTED event. Throws IllegalStateException, saying what to do, when there
     * is nothing to accept or the config holds the pin.
     */
    public static ToolPin accept(String bootstrapServers, String server, String tool, String by, long now) {
        ToolPin state = readAll(bootstrapServers).get(key(server, tool));
        String named = "tool " + tool + " of server " + server;
        if (state == null) {
            throw new IllegalStateException("no " + named + " is pinned: gateway tools list shows the names");
        }
        if (state.getChangedHash() == null) {
            throw new IllegalStateException(named + " has no change awaiting acceptance: it is pinned to " + state.getPinnedHash());
        }
        if (state.getSource() == PinSource.CONFIG) {
            throw new IllegalStateException(named + " is pinned by the gateway config: set mcpServers." + server + ".pins." + tool + " to "
                    + state.getChangedHash() + " to accept it");
        }
        ToolPin accepted = ToolPin.newBuilder(state).setPinnedHash(state.getChangedHash()).setPinnedDefinition(state.getChangedDefinition())
                .setChangedHash(null).setChangedDefinition(null).setSource(PinSource.ACCEPTED).setUpdatedBy(by).setUpdatedAt(now).build();
        publish(bootstrapServers, accepted, ToolPinEvent.newBuilder().setKind(ToolPinEventKind.ACCEPTED).setServer(server).setTool(tool)
                .setOldHash(state.getPinnedHash()).setNewHash(accepted.getPinnedHash()).setSource(PinSource.ACCEPTED).setBy(by).setAt(now).build());
        return accepted;
    }

    /** Writes the pin, then its event, and waits for the broker to have both: an acceptance is done only once both are recorded. */
    public static void publish(String bootstrapServers, ToolPin pin, ToolPinEvent event) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        String key = key(pin.getServer(), pin.getTool());
        try (var pins = new KafkaProducer<>(config, Topics.TOOL_PINS.keySerde().serializer(), Topics.TOOL_PINS.valueSerde().serializer());
             var events = new KafkaProducer<>(config, Topics.TOOL_PIN_EVENTS.keySerde().serializer(), Topics.TOOL_PIN_EVENTS.valueSerde().serializer())) {
            pins.send(new ProducerRecord<>(Topics.TOOL_PINS.name(), key, pin)).get();
            events.send(new ProducerRecord<>(Topics.TOOL_PIN_EVENTS.name(), key, event)).get();
        } catch (ExecutionException e) {
            throw new KafkaException("could not record the pin of " + key, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while recording the pin of " + key, e);
        }
    }
}
