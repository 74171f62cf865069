package dev.mcpgw.edge;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.identity.AgentCredential;
import dev.mcpgw.edge.identity.OAuthSettings;
import dev.mcpgw.edge.limits.AgentCaps;
import dev.mcpgw.edge.limits.RequestLimits;
import dev.mcpgw.schemas.SecretKeyFile;
import java.time.Duration;
import java.util.List;

/**
 * Everything one edge instance needs.
 *
 * @param instanceId       unique per running edge; decisions are addressed to it
 * @param decidePartition  the gateway.decide partition this instance reads (distinct per instance
 *                         to keep instances from reading each other's decisions)
 * @param decisionTimeout  how long a call waits for its decision before it is refused (fail closed)
 * @param requestStateKey  at least 32 bytes, the same for every instance: seals the 2026-07-28
 *                         requestState relayed to clients, so any instance can open it
 * @param credentialLabelKey at least 32 bytes, the same for every instance: keys the HMAC that
 *                         labels an API key in intents and receipts
 * @param decisionKey      the key the decision stream authenticates decide records with (its
 *                         state directory's decision.key); a decision that does not verify is ignored
 * @param limits           how much one client message may ask of the edge
 * @param caps             what one agent may hold open at a time, and how long an unused session lives
 * @param timeouts         how long a held call waits for its client's retry, and how long clients may cache the gateway's lists
 * @param oauth            the gateway as an OAuth protected resource, whose JWT access tokens agents may authenticate
 *                         with besides API keys; null: API keys only
 * @param verdictKey       the key review verdicts are sealed with (review-verdict.key, as the review service and the
 *                         decision stream hold it), to record the verdict of a calling client's user asked through
 *                         elicitation; null: this edge asks no client's user
 */
public record EdgeSettings(String host, int port, String bootstrapServers, String instanceId, int decidePartition,
                           Duration decisionTimeout, Duration downstreamTimeout, int toolsPageSize,
                           List<String> allowedOrigins, List<AgentCredential> agents, List<DownstreamSpec> servers,
                           byte[] requestStateKey, byte[] credentialLabelKey, byte[] decisionKey, RequestLimits limits, AgentCaps caps,
                           Timeouts timeouts, OAuthSettings oauth, byte[] verdictKey) {

    /** API keys only, no verdict key. */
    public EdgeSettings(String host, int port, String bootstrapServers, String instanceId, int decidePartition,
                        Duration decisionTimeout, Duration downstreamTimeout, int toolsPageSize,
                        List<String> allowedOrigins, List<AgentCredential> agents, List<DownstreamSpec> servers,
                        byte[] requestStateKey, byte[] credentialLabelKey, byte[] decisionKey, RequestLimits limits, AgentCaps caps,
                        Timeouts timeouts) {
        this(host, port, bootstrapServers, instanceId, decidePartition, decisionTimeout, downstreamTimeout, toolsPageSize, allowedOrigins,
                agents, servers, requestStateKey, credentialLabelKey, decisionKey, limits, caps, timeouts, null, null);
    }

    /** These settings, agents also authenticating with the JWT access tokens {@code oauth} describes. */
    public EdgeSettings withOAuth(OAuthSettings oauth) {
        return new EdgeSettings(host, port, bootstrapServers, instanceId, decidePartition, decisionTimeout, downstreamTimeout, toolsPageSize,
                allowedOrigins, agents, servers, requestStateKey, credentialLabelKey, decisionKey, limits, caps, timeouts, oauth, verdictKey);
    }

    /** These settings, with the verdict key this edge seals the verdicts of calling clients' users with. */
    public EdgeSettings withVerdictKey(byte[] verdictKey) {
        return new EdgeSettings(host, port, bootstrapServers, instanceId, decidePartition, decisionTimeout, downstreamTimeout, toolsPageSize,
                allowedOrigins, agents, servers, requestStateKey, credentialLabelKey, decisionKey, limits, caps, timeouts, oauth, verdictKey);
    }

    /**
     * @param heldCall     how long a session-era server's request to a 2026-07-28 client holds its call for the client's retry
     * @param listCacheTtl the {@code ttlMs} the gateway's lists and discovery carry for 2026-07-28 clients
     */
    public record Timeouts(Duration heldCall, Duration listCacheTtl) {
        public static final Timeouts DEFAULTS = new Timeouts(Duration.ofMinutes(2), Duration.ofSeconds(30));

        public Timeouts {
            if (heldCall.isNegative() || heldCall.isZero() || listCacheTtl.isNegative()) {
                throw new IllegalArgumentException("the held-call timeout must be positive and the list cache TTL at least 0");
            }
        }
    }

    /** The default limits and caps, with a body limit of its own, and a credential label key of its own. */
    public EdgeSettings(String host, int port, String bootstrapServers, String instanceId, int decidePartition,
                        Duration decisionTimeout, Duration downstreamTimeout, int maxBodyBytes, int toolsPageSize,
                        List<String> allowedOrigins, List<AgentCredential> agents, List<DownstreamSpec> servers,
                        byte[] requestStateKey, byte[] decisionKey) {
        this(host, port, bootstrapServers, instanceId, decidePartition, decisionTimeout, downstreamTimeout, toolsPageSize,
                allowedOrigins, agents, servers, requestStateKey, SecretKeyFile.random(), decisionKey,
                RequestLimits.DEFAULTS.withMaxBodyBytes(maxBodyBytes), AgentCaps.DEFAULTS, Timeouts.DEFAULTS);
    }
}
