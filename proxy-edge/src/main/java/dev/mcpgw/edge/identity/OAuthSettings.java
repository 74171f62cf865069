package dev.mcpgw.edge.identity;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway as an OAuth 2.1 protected resource (MCP authorization, RFC 9728): the resource URI
 * access tokens must name in {@code aud} (RFC 8707), the authorization servers whose JWT access
 * tokens are accepted, the scopes it advertises, and the clock skew allowed on {@code exp} and
 * {@code nbf}. The launcher checks the config and says which key is wrong; these checks are the
 * last line.
 */
public record OAuthSettings(URI resource, List<AuthorizationServer> authorizationServers, List<String> scopes, Duration clockSkew) {
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public OAuthSettings {
        requireWebUri(resource, "oauth.resource");
        if (resource.getRawFragment() != null) {
            throw new IllegalArgumentException("oauth.resource must not have a fragment (RFC 8707): " + resource);
        }
        if (authorizationServers == null || authorizationServers.isEmpty()) {
            throw new IllegalArgumentException("oauth.authorizationServers needs at least one authorization server");
        }
        authorizationServers = List.copyOf(authorizationServers);
        Set<String> issuers = new HashSet<>();
        for (AuthorizationServer server : authorizationServers) {
            if (!issuers.add(server.issuer())) {
                throw new IllegalArgumentException("oauth.authorizationServers names the issuer " + server.issuer() + " twice");
            }
        }
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("oauth.clockSkewSeconds must be between 0 and " + MAX_CLOCK_SKEW.toSeconds());
        }
    }

    /**
     * One trusted issuer of access tokens: its issuer identifier (compared exactly with
     * {@code iss}), where its signing keys are (absent: the {@code jwks_uri} of its authorization
     * server metadata), and how its tokens' claims map to an agent.
     */
    public record AuthorizationServer(String issuer, URI jwksUri, ClaimMapping claims) {
        public AuthorizationServer {
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("an authorization server needs its issuer");
            }
            URI parsed = URI.create(issuer);
            requireWebUri(parsed, "issuer");
            if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
                throw new IllegalArgumentException("an issuer has no query or fragment (RFC 8414): " + issuer);
            }
            if (jwksUri != null) {
                requireWebUri(jwksUri, "jwksUri");
            }
            claims = claims == null ? ClaimMapping.DEFAULT : claims;
        }
    }

    /**
     * Which claims make the agent: {@code agentId} names the claim holding its id ({@code sub} by
     * default; {@code client_id} or {@code azp} for client credentials tokens), {@code groups} a
     * claim holding a list of strings (or one space-separated string, as {@code scope}), and
     * {@code attributes} maps an attribute name to the claim it is read from. {@code agentIdPrefix}
     * is put before the id, to keep issuers' ids apart from each other and from API key agents.
     */
    public record ClaimMapping(String agentId, String groups, Map<String, String> attributes, String agentIdPrefix) {
        public static final ClaimMapping DEFAULT = new ClaimMapping("sub", null, Map.of(), "");

        public ClaimMapping {
            agentId = agentId == null ? "sub" : agentId;
            if (agentId.isBlank()) {
                throw new IllegalArgumentException("claims.agentId must name a claim");
            }
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
            agentIdPrefix = agentIdPrefix == null ? "" : agentIdPrefix;
        }
    }

    /** http(s) with a host; plain http only for a loopback host, as OAuth 2.1 allows nothing else in the clear. */
    static void requireWebUri(URI uri, String what) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(what + " must be an absolute https URL, not " + uri);
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && !isLoopbackHost(uri.getHost())) {
            throw new IllegalArgumentException(what + " must use https (plain http only for a loopback host): " + uri);
        }
    }

    public static boolean isLoopbackHost(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
