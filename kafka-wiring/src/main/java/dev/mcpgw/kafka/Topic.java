package dev.mcpgw.kafka;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name, serdes and the configuration it must be created with. Producers, consumers and
 * topologies take names and serdes only from {@link Topics}, so they cannot drift apart.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, Map<String, String> config) {
}
