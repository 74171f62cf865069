package dev.mcpgw.edge.identity;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies OAuth 2.1 JWT access tokens (RFC 9068) as the MCP authorization specification asks of
 * a resource server, with Nimbus JOSE+JWT: signed with RS256 or ES256 only ({@code none}, HS*
 * and encrypted tokens are refused), {@code typ} at+jwt or JWT (or none), {@code iss} one of the
 * configured authorization servers (compared exactly, and nothing is ever fetched from a URL a
 * token names), the signature by a key from that issuer's JWKS, {@code exp} required and
 * {@code nbf} honoured with the configured clock skew, and {@code aud} naming the gateway's
 * resource URI (RFC 8707). The claims the config names then make the agent. A token's text is
 * never logged nor kept: a refusal says only its reason.
 */
public final class JwtAccessTokens {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    /** RFC 9068's at+jwt, and plain JWT (which many authorization servers still write); compared without case. */
    private static final Set<String> TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");
    private static final int MAX_AGENT_ID_LENGTH = 256;
    private static final int MAX_JTI_IN_LABEL = 64;

    /** The outcome of a check: the agent, or why the token was refused. */
    public record Verdict(Agent agent, AuthenticationRefusal refusal) {
        static Verdict accepted(Agent agent) {
            return new Verdict(agent, null);
        }

        static Verdict refused(AuthenticationRefusal refusal) {
            return new Verdict(null, refusal);
        }

        public boolean accepted() {
            return agent != null;
        }
    }

    private record Issuer(OAuthSettings.AuthorizationServer server, JwksCache keys) {
    }

    private final OAuthSettings settings;
    private final Map<String, Issuer> issuers = new LinkedHashMap<>();
    private final Clock clock;

    public JwtAccessTokens(OAuthSettings settings, Function<OAuthSettings.AuthorizationServer, JwksCache> keys, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        for (OAuthSettings.AuthorizationServer server : settings.authorizationServers()) {
            issuers.put(server.issuer(), new Issuer(server, keys.apply(server)));
        }
    }

    /** With each issuer's keys fetched by {@code http}. */
    public JwtAccessTokens(OAuthSettings settings, HttpClient http, Clock clock) {
        this(settings, server -> new JwksCache(http, server.issuer(), server.jwksUri()), clock);
    }

    public OAuthSettings settings() {
        return settings;
    }

    /** Fetches every issuer's keys now, so that the first clients need not wait for them (a failure is only logged). */
    public void prefetchKeys() {
        issuers.values().forEach(issuer -> issuer.keys().refresh());
    }

    /**
     * Whether a bearer value is shaped as a JWS or JWE compact serialization (dot-separated
     * parts), so it is checked as a token rather than looked up as an API key.
     */
    public static boolean looksLikeJwt(String value) {
        long dots = value.chars().filter(c -> c == '.').count();
        return (dots == 2 || dots == 4) && value.chars().allMatch(c -> c == '.' || c == '-' || c == '_'
                || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }

    /** Checks a token; completes at once unless the issuer's keys must be fetched first. Never fails: a refusal is a verdict. */
    public Future<Verdict> verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            String firstPart = token.substring(0, Math.max(0, token.indexOf('.')));
            Header header = Header.parse(new Base64URL(firstPart));
            if (Algorithm.NONE.equals(header.getAlgorithm())) {
                return Future.succeededFuture(Verdict.refused(AuthenticationRefusal.UNSIGNED));
            }
            if (!(header instanceof JWSHeader jws) || !ALGORITHMS.contains(jws.getAlgorithm())) {
                return Future.succeededFuture(Verdict.refused(AuthenticationRefusal.ALGORITHM));
            }
            if (header.getType() != null && !TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT))) {
                return Future.succeededFuture(Verdict.refused(AuthenticationRefusal.TOKEN_TYPE));
            }
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            // Whatever a hostile token makes the parser throw, it is a malformed token, never an error of the edge.
            return Future.succeededFuture(Verdict.refused(AuthenticationRefusal.MALFORMED));
        }
        Issuer issuer = claims.getIssuer() == null ? null : issuers.get(claims.getIssuer());
        if (issuer == null) {
            return Future.succeededFuture(Verdict.refused(AuthenticationRefusal.UNKNOWN_ISSUER));
        }
        return issuer.keys().keysFor(jwt.getHeader())
                .map(keys -> checkOrRefuse(jwt, claims, issuer.server(), keys))
                .otherwise(e -> Verdict.refused(AuthenticationRefusal.KEYS_UNAVAILABLE));
    }

    private Verdict checkOrRefuse(SignedJWT jwt, JWTClaimsSet claims, OAuthSettings.AuthorizationServer server, List<JWK> keys) {
        try {
            return check(jwt, claims, server, keys);
        } catch (RuntimeException e) {
            return Verdict.refused(AuthenticationRefusal.MALFORMED);
        }
    }

    private Verdict check(SignedJWT jwt, JWTClaimsSet claims, OAuthSettings.AuthorizationServer server, List<JWK> keys) {
        if (keys.isEmpty()) {
            return Verdict.refused(AuthenticationRefusal.UNKNOWN_KEY);
        }
        if (keys.stream().noneMatch(key -> verifies(jwt, key))) {
            return Verdict.refused(AuthenticationRefusal.BAD_SIGNATURE);
        }
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null || now.isAfter(expiry.toInstant().plus(settings.clockSkew()))) {
            return Verdict.refused(AuthenticationRefusal.EXPIRED);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(settings.clockSkew()))) {
            return Verdict.refused(AuthenticationRefusal.NOT_YET_VALID);
        }
        if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(this::isThisResource)) {
            return Verdict.refused(AuthenticationRefusal.WRONG_AUDIENCE);
        }
        OAuthSettings.ClaimMapping mapping = server.claims();
        Object id = claims.getClaim(mapping.agentId());
        if (!(id instanceof String agentId) || agentId.isBlank() || agentId.length() > MAX_AGENT_ID_LENGTH) {
            return Verdict.refused(AuthenticationRefusal.NO_AGENT_ID);
        }
        return Verdict.accepted(new Agent(mapping.agentIdPrefix() + agentId, groups(claims, mapping.groups()),
                attributes(claims, mapping.attributes()), label(server.issuer(), claims.getJWTID())));
    }

    private static boolean verifies(SignedJWT jwt, JWK key) {
        try {
            JWSVerifier verifier;
            if (key instanceof RSAKey rsa) {
                verifier = new RSASSAVerifier(rsa);
            } else if (key instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else {
                return false;
            }
            return jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private boolean isThisResource(String audience) {
        if (audience.equals(settings.resource().toString())) {
            return true;
        }
        try {
            return URI.create(audience).normalize().equals(settings.resource().normalize());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A list of strings, or one space-separated string (as {@code scope}); anything else gives no groups. */
    private static List<String> groups(JWTClaimsSet claims, String claim) {
        if (claim == null) {
            return List.of();
        }
        Object value = claims.getClaim(claim);
        List<String> groups = new ArrayList<>();
        if (value instanceof String text) {
            for (String group : text.trim().split("\\s+")) {
                if (!group.isEmpty()) {
                    groups.add(group);
                }
            }
        } else if (value instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(groups::add);
        }
        return List.copyOf(groups);
    }

    /** Strings as they are, numbers and booleans written out; a claim that is absent or of another kind gives no attribute. */
    private static Map<String, String> attributes(JWTClaimsSet claims, Map<String, String> mapping) {
        Map<String, String> attributes = new LinkedHashMap<>();
        mapping.forEach((name, claim) -> {
            Object value = claims.getClaim(claim);
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                attributes.put(name, value.toString());
            }
        });
        return Map.copyOf(attributes);
    }

    /**
     * How intents and receipts name the token: its issuer and its {@code jti} (an id the
     * authorization server gave it, not the token: it lets an auditor find the issuance), a long
     * jti by its SHA-256.
     */
    static String label(String issuer, String jti) {
        if (jti == null || jti.isEmpty()) {
            return "oauth:" + issuer;
        }
        String id = jti.length() <= MAX_JTI_IN_LABEL && jti.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? jti : "sha256:" + sha256(jti);
        return "oauth:" + issuer + "#jti=" + id;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
