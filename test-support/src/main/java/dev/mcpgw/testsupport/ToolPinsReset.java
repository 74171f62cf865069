package dev.mcpgw.testsupport;

import dev.mcpgw.kafka.ToolPinTopic;
import dev.mcpgw.kafka.Topics;

/**
 * Forgets every tool pin on the shared broker (a tombstone for each), so that a test's gateway
 * starts as a fresh deployment does. Test classes share one broker per JVM and reuse server
 * names ("demo") for servers whose tools differ, which a real deployment would see as a changed
 * tool and hold back.
 */
public final class ToolPinsReset {
    private ToolPinsReset() {
    }

    public static void forgetAll() {
        ToolPinTopic.readAll(SharedKafka.bootstrapServers()).keySet()
                .forEach(key -> TopicIO.writeBytes(Topics.TOOL_PINS.name(), key, null));
    }
}
