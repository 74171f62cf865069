package dev.mcpgw.launcher;

import dev.mcpgw.edge.limits.AgentCaps;
import dev.mcpgw.edge.limits.RequestLimits;
import dev.mcpgw.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The gateway's YAML config, as written (see starter/gateway.yaml for every key explained). */
public record GatewayConfig(String listen, Kafka kafka, String stateDir, String receiptArchive, Siem siem, String policy,
                            Long decisionTimeoutMs, Integer decisionPartitions, List<AgentEntry> agents, Map<String, ServerEntry> mcpServers,
                            Limits limits, Edge edge) {

    /** The request limits, each absent key at its default; throws IllegalArgumentException for limits that do not hold together. */
    public RequestLimits requestLimits() {
        Limits given = limits();
        RequestLimits defaults = RequestLimits.DEFAULTS;
        return new RequestLimits(or(given.maxBodyBytes(), defaults.maxBodyBytes()), or(given.maxDepth(), defaults.maxDepth()),
                or(given.maxStringLength(), defaults.maxStringLength()), or(given.maxArgumentsBytes(), defaults.maxArgumentsBytes()));
    }

    /** Each agent's caps, each absent key at its default; throws IllegalArgumentException for caps that are not positive. */
    public AgentCaps agentCaps() {
        Limits given = limits();
        AgentCaps defaults = AgentCaps.DEFAULTS;
        return new AgentCaps(or(given.sessionsPerAgent(), defaults.sessions()), or(given.streamsPerAgent(), defaults.streams()),
                or(given.callsInFlightPerAgent(), defaults.callsInFlight()),
                given.sessionIdleTimeoutMs() == null ? defaults.sessionIdleTimeout() : Duration.ofMillis(given.sessionIdleTimeoutMs()));
    }

    /** This instance's partition of gateway.decide (0 unless set); throws IllegalArgumentException for one the topic lacks. */
    public int decidePartition() {
        int partition = edge == null || edge.decidePartition() == null ? 0 : edge.decidePartition();
        if (partition < 0 || partition >= Topics.DECIDE_PARTITIONS) {
            throw new IllegalArgumentException("edge.decidePartition must be between 0 and " + (Topics.DECIDE_PARTITIONS - 1)
                    + " (gateway.decide has " + Topics.DECIDE_PARTITIONS + " partitions), not " + partition);
        }
        return partition;
    }

    /** Browser origins allowed besides loopback ones (none unless set). */
    public List<String> allowedOrigins() {
        return edge == null || edge.allowedOrigins() == null ? List.of() : edge.allowedOrigins();
    }

    @Override
    public Limits limits() {
        return limits == null ? new Limits(null, null, null, null, null, null, null, null) : limits;
    }

    private static int or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    /**
     * How much one client message may ask of the edge (see RequestLimits), and what one agent may
     * hold open (see AgentCaps); absent keys take the defaults.
     */
    public record Limits(Integer maxBodyBytes, Integer maxDepth, Integer maxStringLength, Integer maxArgumentsBytes,
                         Integer sessionsPerAgent, Integer streamsPerAgent, Integer callsInFlightPerAgent, Long sessionIdleTimeoutMs) {
    }

    /**
     * This edge instance: the browser {@code Origin}s it accepts besides loopback ones, and the
     * partition of gateway.decide it reads (each instance of one gateway its own).
     */
    public record Edge(List<String> allowedOrigins, Integer decidePartition) {
    }

    /** Where receipts also go as OCSF API Activity events: a topic, a JSON Lines file, or both. */
    public record Siem(String ocsfTopic, String ocsfFile) {
    }

    /** Empty or absent bootstrapServers means: start the embedded broker. */
    public record Kafka(String bootstrapServers, Embedded embedded) {
    }

    public record Embedded(String dataDir, Integer port) {
    }

    /** {@code keyLabel}: how receipts name the key; absent, a keyed HMAC of it (the key in stateDir/credential-label.key). */
    public record AgentEntry(String id, String apiKey, List<String> groups, Map<String, String> attributes, String keyLabel) {
    }

    /** A tool server the way MCP clients configure one: command/args/env (stdio) or url/headers (HTTP). */
    /** {@code protocol} pins the MCP revision spoken with the server; absent, the gateway finds it out. */
    public record ServerEntry(String command, List<String> args, Map<String, String> env, String url,
                              Map<String, String> headers, String toolPrefix, String protocol) {
    }
}
