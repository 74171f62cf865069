package dev.mcpgw.launcher;

import java.util.List;
import java.util.Map;

/** The gateway's YAML config, as written (see starter/gateway.yaml for every key explained). */
public record GatewayConfig(String listen, Kafka kafka, String stateDir, String receiptArchive, Siem siem, String policy,
                            Long decisionTimeoutMs, Integer decisionPartitions, List<AgentEntry> agents, Map<String, ServerEntry> mcpServers) {

    /** Where receipts also go as OCSF API Activity events: a topic, a JSON Lines file, or both. */
    public record Siem(String ocsfTopic, String ocsfFile) {
    }

    /** Empty or absent bootstrapServers means: start the embedded broker. */
    public record Kafka(String bootstrapServers, Embedded embedded) {
    }

    public record Embedded(String dataDir, Integer port) {
    }

    public record AgentEntry(String id, String apiKey, List<String> groups, Map<String, String> attributes) {
    }

    /** A tool server the way MCP clients configure one: command/args/env (stdio) or url/headers (HTTP). */
    /** {@code protocol} pins the MCP revision spoken with the server; absent, the gateway finds it out. */
    public record ServerEntry(String command, List<String> args, Map<String, String> env, String url,
                              Map<String, String> headers, String toolPrefix, String protocol) {
    }
}
