package dev.mcpgw.sink.siem;

import java.nio.file.Path;

/**
 * Where the sink sends each receipt it archives as an OCSF API Activity event: a Kafka topic (JSON
 * string values, key "chain/sequence"), a JSON Lines file, or both (null leaves one out).
 * {@code productVersion} names the gateway's version in the events' metadata.
 */
public record OcsfOutput(String topic, Path file, String productVersion) {
}
