package dev.mcpgw.launcher;

import dev.mcpgw.edge.limits.RequestLimits;
import java.util.List;
import java.util.Map;

/** The gateway's YAML config, as written (see starter/gateway.yaml for every key explained). */
public record GatewayConfig(String listen, Kafka kafka, String stateDir, String receiptArchive, Siem siem, String policy,
                            Long decisionTimeoutMs, Integer decisionPartitions, List<AgentEntry> agents, Map<String, ServerEntry> mcpServers,
                            Limits limits) {

    /** The request limits, each absent key at its default; throws IllegalArgumentException for limits that do not hold together. */
    public RequestLimits requestLimits() {
        Limits given = limits == null ? new Limits(null, null, null, null) : limits;
        RequestLimits defaults = RequestLimits.DEFAULTS;
        return new RequestLimits(or(given.maxBodyBytes(), defaults.maxBodyBytes()), or(given.maxDepth(), defaults.maxDepth()),
                or(given.maxStringLength(), defaults.maxStringLength()), or(given.maxArgumentsBytes(), defaults.maxArgumentsBytes()));
    }

    private static int or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    /** How much one client message may ask of the edge (see RequestLimits); absent keys take the defaults. */
    public record Limits(Integer maxBodyBytes, Integer maxDepth, Integer maxStringLength, Integer maxArgumentsBytes) {
    }

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
