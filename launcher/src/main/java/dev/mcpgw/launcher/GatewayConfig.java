package dev.mcpgw.launcher;

import dev.mcpgw.edge.EdgeSettings;
import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.identity.OAuthSettings;
import dev.mcpgw.edge.limits.AgentCaps;
import dev.mcpgw.edge.limits.RequestLimits;
import dev.mcpgw.edge.pinning.ToolTrust;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.review.approver.ApproverCredential;
import dev.mcpgw.review.approver.ApproverDirectory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The gateway's YAML config, as written (see starter/gateway.yaml for every key explained). */
public record GatewayConfig(String listen, Kafka kafka, String stateDir, String receiptArchive, Siem siem, String policy,
                            Long decisionTimeoutMs, Integer decisionPartitions, List<AgentEntry> agents, Map<String, ServerEntry> mcpServers,
                            Limits limits, Review review, Edge edge, OAuth oauth, Tracing tracing) {

    /** The config without OAuth and without tracing: agents authenticate with API keys only. */
    public GatewayConfig(String listen, Kafka kafka, String stateDir, String receiptArchive, Siem siem, String policy,
                         Long decisionTimeoutMs, Integer decisionPartitions, List<AgentEntry> agents, Map<String, ServerEntry> mcpServers,
                         Limits limits, Review review, Edge edge) {
        this(listen, kafka, stateDir, receiptArchive, siem, policy, decisionTimeoutMs, decisionPartitions, agents, mcpServers, limits, review,
                edge, null, null);
    }

    /**
     * The gateway as an OAuth protected resource, when the config has an oauth section; throws
     * IllegalArgumentException naming the key that is wrong and why.
     */
    public Optional<OAuthSettings> oauthSettings() {
        if (oauth == null) {
            return Optional.empty();
        }
        URI resource = webUri(oauth.resource(), "oauth.resource", "the gateway's resource URI, as clients reach its MCP endpoint "
                + "(e.g. https://gateway.example.com/mcp)");
        if (resource.getRawFragment() != null) {
            throw new IllegalArgumentException("oauth.resource must not have a fragment (RFC 8707): " + oauth.resource());
        }
        if (oauth.authorizationServers() == null || oauth.authorizationServers().isEmpty()) {
            throw new IllegalArgumentException("oauth.authorizationServers needs at least one authorization server (issuer, optional jwksUri and claims)");
        }
        List<OAuthSettings.AuthorizationServer> servers = new ArrayList<>();
        Set<String> issuers = new HashSet<>();
        for (int i = 0; i < oauth.authorizationServers().size(); i++) {
            AuthorizationServerEntry entry = oauth.authorizationServers().get(i);
            String at = "oauth.authorizationServers[" + i + "]";
            if (entry == null) {
                throw new IllegalArgumentException(at + " is empty: give at least its issuer");
            }
            URI issuer = webUri(entry.issuer(), at + ".issuer", "the issuer identifier its tokens carry in iss");
            if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
                throw new IllegalArgumentException(at + ".issuer must have no query or fragment (RFC 8414): " + entry.issuer());
            }
            if (!issuers.add(entry.issuer())) {
                throw new IllegalArgumentException(at + ".issuer " + entry.issuer() + " is named twice");
            }
            URI jwks = entry.jwksUri() == null ? null : webUri(entry.jwksUri(), at + ".jwksUri", "where the issuer publishes its signing keys");
            servers.add(new OAuthSettings.AuthorizationServer(entry.issuer(), jwks, claimMapping(entry.claims(), at + ".claims")));
        }
        List<String> scopes = oauth.scopes() == null ? List.of() : oauth.scopes();
        for (String scope : scopes) {
            if (scope == null || !scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                throw new IllegalArgumentException("oauth.scopes: '" + scope + "' is not a scope (printable ASCII, no space, quote or backslash)");
            }
        }
        Integer skew = oauth.clockSkewSeconds();
        if (skew != null && (skew < 0 || skew > OAuthSettings.MAX_CLOCK_SKEW.toSeconds())) {
            throw new IllegalArgumentException("oauth.clockSkewSeconds must be between 0 and " + OAuthSettings.MAX_CLOCK_SKEW.toSeconds() + ", not " + skew);
        }
        return Optional.of(new OAuthSettings(resource, servers, scopes, skew == null ? null : Duration.ofSeconds(skew)));
    }

    private static OAuthSettings.ClaimMapping claimMapping(Claims claims, String at) {
        if (claims == null) {
            return OAuthSettings.ClaimMapping.DEFAULT;
        }
        if (claims.agentId() != null && claims.agentId().isBlank()) {
            throw new IllegalArgumentException(at + ".agentId must name the claim holding the agent id (sub, client_id, azp...)");
        }
        if (claims.groups() != null && claims.groups().isBlank()) {
            throw new IllegalArgumentException(at + ".groups must name a claim holding a list (or leave it out)");
        }
        if (claims.attributes() != null) {
            claims.attributes().forEach((name, claim) -> {
                if (claim == null || claim.isBlank()) {
                    throw new IllegalArgumentException(at + ".attributes." + name + " must name the claim the attribute is read from");
                }
            });
        }
        return new OAuthSettings.ClaimMapping(claims.agentId(), claims.groups(), claims.attributes(), claims.agentIdPrefix());
    }

    /** An absolute https URL (plain http only for a loopback host, for tests and local authorization servers). */
    private static URI webUri(String value, String key, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required: " + what);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + value + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(key + " must be an absolute https URL with a host, not " + value);
        }
        if (scheme.equals("http") && !OAuthSettings.isLoopbackHost(uri.getHost())) {
            throw new IllegalArgumentException(key + " must use https (plain http is accepted for a loopback host only): " + value);
        }
        return uri;
    }

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

    /** The held-call timeout and list cache TTL, each at its default unless set; throws IllegalArgumentException for one out of range. */
    public EdgeSettings.Timeouts edgeTimeouts() {
        EdgeSettings.Timeouts defaults = EdgeSettings.Timeouts.DEFAULTS;
        Long heldCall = edge == null ? null : edge.heldCallTimeoutMs();
        Long listCache = edge == null ? null : edge.listCacheTtlMs();
        if (heldCall != null && heldCall <= 0) {
            throw new IllegalArgumentException("edge.heldCallTimeoutMs must be positive, not " + heldCall);
        }
        if (listCache != null && listCache < 0) {
            throw new IllegalArgumentException("edge.listCacheTtlMs must be 0 or more, not " + listCache);
        }
        return new EdgeSettings.Timeouts(heldCall == null ? defaults.heldCall() : Duration.ofMillis(heldCall),
                listCache == null ? defaults.listCacheTtl() : Duration.ofMillis(listCache));
    }

    /** Where the decision stream keeps its state and every edge and stream of the gateway its keys (data/streams unless set). */
    public Path stateDirectory() {
        return Path.of(stateDir == null ? "data/streams" : stateDir);
    }

    /** Where spans are exported over OTLP/HTTP, if the config names it (the OTEL_* variables may name it too). */
    public String otlpEndpoint() {
        return tracing == null ? null : tracing.otlpEndpoint();
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
     * Human review: where the approvers' page listens, whether its cookies are marked Secure (the
     * page is reached over HTTPS through a proxy), and who may approve. Absent: no review service.
     */
    public record Review(String listen, Boolean secureCookies, List<ApproverEntry> approvers) {
        public static final String DEFAULT_LISTEN = "127.0.0.1:8081";

        /** The approvers, their passwords hashed; throws IllegalArgumentException naming what is wrong. */
        public ApproverDirectory approverDirectory() {
            return new ApproverDirectory(approvers == null ? List.of() : approvers.stream()
                    .map(a -> new ApproverCredential(a.id(), a.password(), a.passwordHash(), a.groups(), a.roles())).toList());
        }

        /**
         * Throws IllegalArgumentException when an approver's plain password is an agent's API key:
         * an agent's key must approve nothing, even by an operator's slip. (A bcrypt hash cannot be
         * compared without costing a hash per agent; keep those apart by hand.)
         */
        public void refuseAgentKeysAsPasswords(List<AgentEntry> agents) {
            if (approvers == null || agents == null) {
                return;
            }
            for (ApproverEntry approver : approvers) {
                for (AgentEntry agent : agents) {
                    if (approver.password() != null && approver.password().equals(agent.apiKey())) {
                        throw new IllegalArgumentException("review.approvers: approver " + approver.id() + "'s password is the API key of agent "
                                + agent.id() + "; an agent's key must never approve");
                    }
                }
            }
        }

        /** host and port, checked; throws IllegalArgumentException for anything but host:port. */
        public String[] hostAndPort() {
            String given = listen == null ? DEFAULT_LISTEN : listen;
            int colon = given.lastIndexOf(':');
            if (colon <= 0 || !given.substring(colon + 1).matches("\\d{1,5}") || Integer.parseInt(given.substring(colon + 1)) > 65535) {
                throw new IllegalArgumentException("review.listen must be host:port, e.g. " + DEFAULT_LISTEN + " (got '" + given + "')");
            }
            return new String[] {given.substring(0, colon), given.substring(colon + 1)};
        }
    }

    /** An approver: an id, exactly one of password ({@code ${ENV}}) or passwordHash (bcrypt), groups and roles rules may name. */
    public record ApproverEntry(String id, String password, String passwordHash, List<String> groups, List<String> roles) {
    }

    /**
     * This edge instance: the browser {@code Origin}s it accepts besides loopback ones, the
     * partition of gateway.decide it reads (each instance of one gateway its own), how long a
     * session-era server's request holds a 2026-07-28 client's call for its retry, and how long
     * 2026-07-28 clients may cache the gateway's lists.
     */
    public record Edge(List<String> allowedOrigins, Integer decidePartition, Long heldCallTimeoutMs, Long listCacheTtlMs) {
    }

    /**
     * Agents may also authenticate with OAuth 2.1 JWT access tokens: the gateway's resource URI
     * (what tokens must name in aud), the scopes it advertises, the clock skew allowed on exp and
     * nbf, and the authorization servers whose tokens it accepts.
     */
    public record OAuth(String resource, List<String> scopes, Integer clockSkewSeconds, List<AuthorizationServerEntry> authorizationServers) {
    }

    /** A trusted issuer: its issuer identifier, where its keys are (absent: its metadata's jwks_uri), and how its claims make the agent. */
    public record AuthorizationServerEntry(String issuer, String jwksUri, Claims claims) {
    }

    /** The claim holding the agent id (default sub), a claim holding its groups, claims read as attributes, and a prefix for its ids. */
    public record Claims(String agentId, String groups, Map<String, String> attributes, String agentIdPrefix) {
    }

    /**
     * Where the gateway's traces go: an OTLP/HTTP endpoint (a collector's base URL, e.g.
     * http://127.0.0.1:4318). Absent, and with no {@code OTEL_EXPORTER_OTLP_*ENDPOINT} in the
     * environment, nothing is traced.
     */
    public record Tracing(String otlpEndpoint) {
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

    /**
     * A tool server the way MCP clients configure one: command/args/env (stdio) or url/headers (HTTP).
     * {@code protocol} pins the MCP revision spoken with the server; absent, the gateway finds it out.
     * {@code pins} (tool name to hex SHA-256), {@code onChange} (hide | refuse) and
     * {@code flaggedTools} (withhold | sanitise | allow) say how far its tool definitions are trusted.
     * {@code maxMessageBytes} caps one message it sends (see DownstreamSpec). {@code forwardMeta}
     * names the keys of a client request's {@code _meta}, beyond MCP's own, it is sent (see ClientParams).
     * {@code clientRequests} names what it may ask the client during a call (elicitation, sampling,
     * roots; all three unless set; see ServerQuestions).
     */
    public record ServerEntry(String command, List<String> args, Map<String, String> env, String url,
                              Map<String, String> headers, String toolPrefix, String protocol,
                              Map<String, String> pins, String onChange, String flaggedTools, Integer maxMessageBytes,
                              List<String> forwardMeta, List<String> clientRequests) {

        /** What the server may ask the client; throws IllegalArgumentException for a name that is none of elicitation, sampling, roots. */
        public Set<String> clientRequests(String server) {
            return DownstreamSpec.clientRequests(server, clientRequests);
        }

        /** The {@code _meta} keys a client may send the server beyond MCP's own; throws IllegalArgumentException for an empty one. */
        public Set<String> forwardMeta(String server) {
            if (forwardMeta == null) {
                return Set.of();
            }
            for (String key : forwardMeta) {
                if (key == null || key.isBlank()) {
                    throw new IllegalArgumentException("mcpServers." + server + ".forwardMeta names a key that is empty");
                }
            }
            return Set.copyOf(forwardMeta);
        }

        /** The cap on one message from the server, its default unless set; throws IllegalArgumentException for one not positive. */
        public int maxMessageBytes(String server) {
            if (maxMessageBytes != null && maxMessageBytes <= 0) {
                throw new IllegalArgumentException("mcpServers." + server + ".maxMessageBytes must be positive, not " + maxMessageBytes);
            }
            return maxMessageBytes == null ? DownstreamSpec.DEFAULT_MAX_MESSAGE_BYTES : maxMessageBytes;
        }

        /** Throws IllegalArgumentException naming the field for a word or a pin that is not one. */
        public ToolTrust trust(String server) {
            String at = "mcpServers." + server + ".";
            try {
                return new ToolTrust(pins,
                        ToolTrust.parse(ToolTrust.OnChange.class, onChange, ToolTrust.OnChange.HIDE, at + "onChange"),
                        ToolTrust.parse(ToolTrust.FlaggedTools.class, flaggedTools, ToolTrust.FlaggedTools.WITHHOLD, at + "flaggedTools"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith(at) ? e.getMessage() : at + e.getMessage(), e);
            }
        }
    }
}
