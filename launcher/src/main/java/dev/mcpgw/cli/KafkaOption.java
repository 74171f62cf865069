package dev.mcpgw.cli;

import picocli.CommandLine.Option;

/** Where Kafka is, for every command that talks to it (the embedded broker's port by default). */
final class KafkaOption {
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:19092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;
}
