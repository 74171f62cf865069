package dev.mcpgw.edge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.http.HttpClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtAccessTokensTest {
    private static final String RESOURCE = "https://gateway.example/mcp";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static RSAKey rsa;
    private static ECKey ec;
    private KeyServer server;
    private HttpClient http;
    /** What the caches take for System.nanoTime(), so a test can let time pass. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    }

    @BeforeEach
    void startServer() {
        server = new KeyServer();
        server.publish(rsa, ec);
        http = server.onLoop(() -> io.vertx.core.Future.succeededFuture(server.vertx.createHttpClient()));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** {@code jwksPath} null: found through the issuer's metadata. */
    private JwtAccessTokens tokens(OAuthSettings.ClaimMapping mapping, String jwksPath) {
        OAuthSettings settings = new OAuthSettings(URI.create(RESOURCE), List.of(new OAuthSettings.AuthorizationServer(server.issuer(),
                jwksPath == null ? null : URI.create(server.issuer() + jwksPath), mapping)), List.of(), Duration.ofSeconds(30));
        return new JwtAccessTokens(settings, as -> new JwksCache(http, as.issuer(), as.jwksUri(), Duration.ofMinutes(1),
                Duration.ofSeconds(5), nanos::get), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private JwtAccessTokens tokens() {
        return tokens(new OAuthSettings.ClaimMapping("client_id", "groups", Map.of("team", "team", "tier", "tier"), null), "/jwks");
    }

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(server.issuer()).audience(RESOURCE).subject("client-7").claim("client_id", "client-7")
                .issueTime(Date.from(NOW.minusSeconds(60))).expirationTime(Date.from(NOW.plusSeconds(240))).jwtID("jti-1")
                .claim("groups", List.of("finance", "ops")).claim("team", "treasury").claim("tier", 3);
    }

    private JwtAccessTokens.Verdict verify(JwtAccessTokens tokens, String token) {
        return server.onLoop(() -> tokens.verify(token));
    }

    @Test
    void shouldTakeAnRs256AndAnEs256TokenAsTheAgentItsClaimsName() {
        JwtAccessTokens tokens = tokens();

        for (String token : List.of(KeyServer.sign(rsa, claims().build()), KeyServer.sign(ec, claims().build()))) {
            JwtAccessTokens.Verdict verdict = verify(tokens, token);

            assertThat(verdict.refusal()).isNull();
            assertThat(verdict.agent()).isEqualTo(new Agent("client-7", List.of("finance", "ops"), Map.of("team", "treasury", "tier", "3"),
                    "oauth:" + server.issuer() + "#jti=jti-1"));
        }
    }

    @Test
    void shouldReadGroupsFromASpaceSeparatedStringAndPutThePrefixBeforeTheId() {
        JwtAccessTokens tokens = tokens(new OAuthSettings.ClaimMapping("sub", "scope", Map.of(), "partner/"), "/jwks");

        Agent agent = verify(tokens, KeyServer.sign(rsa, claims().claim("scope", "mcp  tools:read").build())).agent();

        assertThat(agent.id()).isEqualTo("partner/client-7");
        assertThat(agent.groups()).containsExactly("mcp", "tools:read");
        assertThat(agent.attributes()).isEmpty();
    }

    @Test
    void shouldTakeATokenTypedJwtOrUntypedAndRefuseAnyOtherType() {
        JwtAccessTokens tokens = tokens();

        assertThat(verify(tokens, KeyServer.sign(rsa, "JWT", claims().build())).accepted()).isTrue();
        assertThat(verify(tokens, KeyServer.sign(rsa, null, claims().build())).accepted()).isTrue();
        assertThat(verify(tokens, KeyServer.sign(rsa, "logout+jwt", claims().build())).refusal()).isEqualTo(AuthenticationRefusal.TOKEN_TYPE);
    }

    @Test
    void shouldRefuseEachTokenThatDoesNotHoldForItsOwnReason() throws Exception {
        JwtAccessTokens tokens = tokens();
        String unsigned = Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(claims().build().toString()) + ".";
        SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hs256.sign(new MACSigner(new byte[32]));
        SignedJWT rs512 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("rsa-1").build(), claims().build());
        rs512.sign(new com.nimbusds.jose.crypto.RSASSASigner(rsa));
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("rsa-1").generate();

        Map<String, AuthenticationRefusal> cases = Map.ofEntries(
                Map.entry(unsigned, AuthenticationRefusal.UNSIGNED),
                Map.entry(hs256.serialize(), AuthenticationRefusal.ALGORITHM),
                Map.entry(rs512.serialize(), AuthenticationRefusal.ALGORITHM),
                Map.entry("abc.def.ghi", AuthenticationRefusal.MALFORMED),
                Map.entry(KeyServer.sign(impostor, claims().build()), AuthenticationRefusal.BAD_SIGNATURE),
                Map.entry(KeyServer.sign(rsa, claims().expirationTime(Date.from(NOW.minusSeconds(31))).build()), AuthenticationRefusal.EXPIRED),
                Map.entry(KeyServer.sign(rsa, claims().expirationTime(null).build()), AuthenticationRefusal.EXPIRED),
                Map.entry(KeyServer.sign(rsa, claims().notBeforeTime(Date.from(NOW.plusSeconds(31))).build()), AuthenticationRefusal.NOT_YET_VALID),
                Map.entry(KeyServer.sign(rsa, claims().audience("https://elsewhere.example/mcp").build()), AuthenticationRefusal.WRONG_AUDIENCE),
                Map.entry(KeyServer.sign(rsa, claims().audience(List.of()).build()), AuthenticationRefusal.WRONG_AUDIENCE),
                Map.entry(KeyServer.sign(rsa, claims().issuer("https://impostor.example").build()), AuthenticationRefusal.UNKNOWN_ISSUER),
                Map.entry(KeyServer.sign(rsa, claims().claim("client_id", null).build()), AuthenticationRefusal.NO_AGENT_ID),
                Map.entry(KeyServer.sign(rsa, claims().claim("client_id", 42).build()), AuthenticationRefusal.NO_AGENT_ID));

        cases.forEach((token, reason) -> assertThat(verify(tokens, token).refusal()).as(reason.name()).isEqualTo(reason));
    }

    @Test
    void shouldAllowTheClockSkewOnExpiryAndNotBefore() {
        JwtAccessTokens tokens = tokens();

        assertThat(verify(tokens, KeyServer.sign(rsa, claims().expirationTime(Date.from(NOW.minusSeconds(29))).build())).accepted()).isTrue();
        assertThat(verify(tokens, KeyServer.sign(rsa, claims().notBeforeTime(Date.from(NOW.plusSeconds(29))).build())).accepted()).isTrue();
    }

    @Test
    void shouldTakeAnAudienceListNamingTheResourceAmongOthers() {
        assertThat(verify(tokens(), KeyServer.sign(ec, claims().audience(List.of("https://other.example", RESOURCE)).build())).accepted()).isTrue();
    }

    @Test
    void shouldFetchTheKeysAgainForARotatedKeyAndAtMostOncePerIntervalForUnknownOnes() throws Exception {
        JwtAccessTokens tokens = tokens();
        assertThat(verify(tokens, KeyServer.sign(rsa, claims().build())).accepted()).isTrue();
        assertThat(server.jwksFetches()).isEqualTo(1);
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        ECKey rotated = new ECKeyGenerator(Curve.P_256).keyID("ec-2").generate();
        server.publish(rsa, ec, rotated);

        assertThat(verify(tokens, KeyServer.sign(rotated, claims().build())).accepted()).isTrue();
        assertThat(server.jwksFetches()).isEqualTo(2);

        ECKey unknown = new ECKeyGenerator(Curve.P_256).keyID("made-up-1").generate();
        ECKey another = new ECKeyGenerator(Curve.P_256).keyID("made-up-2").generate();
        assertThat(verify(tokens, KeyServer.sign(unknown, claims().build())).refusal()).isEqualTo(AuthenticationRefusal.UNKNOWN_KEY);
        assertThat(verify(tokens, KeyServer.sign(another, claims().build())).refusal()).isEqualTo(AuthenticationRefusal.UNKNOWN_KEY);
        assertThat(server.jwksFetches()).as("no fetch for a made-up key id within a minute of the last").isEqualTo(2);

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(verify(tokens, KeyServer.sign(unknown, claims().build())).refusal()).isEqualTo(AuthenticationRefusal.UNKNOWN_KEY);
        assertThat(server.jwksFetches()).isEqualTo(3);
    }

    @Test
    void shouldFindTheKeysThroughTheIssuersMetadata() {
        JwtAccessTokens tokens = tokens(OAuthSettings.ClaimMapping.DEFAULT, null);

        assertThat(verify(tokens, KeyServer.sign(rsa, claims().build())).agent().id()).isEqualTo("client-7");
        assertThat(server.fetched).containsExactly("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration", "/jwks");
    }

    @Test
    void shouldNotTakeKeysFromMetadataThatNamesAnotherIssuer() {
        server.metadataNames("https://impostor.example");
        JwtAccessTokens tokens = tokens(OAuthSettings.ClaimMapping.DEFAULT, null);

        assertThat(verify(tokens, KeyServer.sign(rsa, claims().build())).refusal()).isEqualTo(AuthenticationRefusal.KEYS_UNAVAILABLE);
        assertThat(server.jwksFetches()).isZero();
    }

    @Test
    void shouldRetryFetchingKeysItNeverHadOnlyAfterTheRetryInterval() {
        JwtAccessTokens tokens = tokens(OAuthSettings.ClaimMapping.DEFAULT, "/no-such-jwks");
        String token = KeyServer.sign(rsa, claims().build());

        assertThat(verify(tokens, token).refusal()).isEqualTo(AuthenticationRefusal.KEYS_UNAVAILABLE);
        assertThat(verify(tokens, token).refusal()).isEqualTo(AuthenticationRefusal.KEYS_UNAVAILABLE);
        assertThat(server.fetched).containsExactly("/no-such-jwks");

        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        verify(tokens, token);
        assertThat(server.fetched).containsExactly("/no-such-jwks", "/no-such-jwks");
    }

    @Test
    void shouldTellAJwtFromAnApiKeyByItsShape() {
        assertThat(JwtAccessTokens.looksLikeJwt(KeyServer.sign(rsa, claims().build()))).isTrue();
        assertThat(JwtAccessTokens.looksLikeJwt("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")).isTrue();
        assertThat(JwtAccessTokens.looksLikeJwt("demo-agent-key")).isFalse();
        assertThat(JwtAccessTokens.looksLikeJwt("a.b.c d")).isFalse();
    }

    @Test
    void shouldNameALongOrOddJtiByItsDigestInTheLabel() {
        assertThat(JwtAccessTokens.label("https://as.example", "x".repeat(65))).startsWith("oauth:https://as.example#jti=sha256:");
        assertThat(JwtAccessTokens.label("https://as.example", "a b")).startsWith("oauth:https://as.example#jti=sha256:");
        assertThat(JwtAccessTokens.label("https://as.example", null)).isEqualTo("oauth:https://as.example");
    }
}
