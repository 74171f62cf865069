package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpgw.edge.identity.OAuthSettings;
import dev.mcpgw.edge.identity.ProtectedResource;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.AgentIdentity;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.testsupport.NodePeers;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Agents authenticating with OAuth 2.1 access tokens, against a real authorization server:
 * oidc-provider from the npm registry, started by the test, issuing JWT access tokens by the
 * client credentials grant for the gateway's resource URI (RFC 8707). Its signing keys are made
 * here, so that the test can also sign what the server would never issue (expired, not yet valid,
 * for another issuer) with its real key, and forge the rest with Nimbus.
 */
class OAuthIT {
    @TempDir
    static Path temp;

    private static final String SECRET = "client-secret-for-tests";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RSAKey rsaKey;
    private static ECKey ecKey;
    private static NodePeers.AuthorizationServer authorizationServer;
    private static EdgeFixture gateway;
    private static RawMcpHttp raw;
    private static String resource;
    private static int port;
    private static int ids = 100;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the authorization server (oidc-provider)");
        rsaKey = new RSAKeyGenerator(2048).keyID("as-rsa").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        ecKey = new ECKeyGenerator(Curve.P_256).keyID("as-ec").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        resource = "http://127.0.0.1:" + port + "/mcp";
        JsonObject config = new JsonObject()
                .put("keys", new JsonArray().add(new JsonObject(rsaKey.toJSONObject())).add(new JsonObject(ecKey.toJSONObject())))
                .put("resource", resource)
                .put("clients", new JsonArray()
                        .add(client("agent-rs", "RS256", new JsonObject().put("groups", new JsonArray().add("demo").add("oauth"))
                                .put("team", "treasury")))
                        .add(client("agent-es", "ES256", new JsonObject().put("groups", new JsonArray().add("demo")).put("team", "platform"))));
        authorizationServer = NodePeers.authorizationServer(temp, config.encode());
        OAuthSettings oauth = new OAuthSettings(URI.create(resource), List.of(new OAuthSettings.AuthorizationServer(authorizationServer.issuer(), null,
                new OAuthSettings.ClaimMapping("client_id", "groups", Map.of("team", "team"), null))), List.of("mcp"), null);
        gateway = EdgeFixture.withDecisionStreamAndOAuth(port, oauth);
        raw = new RawMcpHttp(gateway.mcpUrl());
    }

    private static JsonObject client(String id, String alg, JsonObject claims) {
        return new JsonObject().put("clientId", id).put("clientSecret", SECRET).put("alg", alg).put("claims", claims);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (authorizationServer != null) {
            authorizationServer.close();
        }
    }

    @Test
    void shouldServeItsProtectedResourceMetadataAtTheRootAndUnderTheMcpPath() throws Exception {
        for (String path : List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp")) {
            HttpResponse<String> response = get(gateway.baseUrl() + path);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonObject metadata = new JsonObject(response.body());
            assertThat(metadata.getString("resource")).isEqualTo(resource);
            assertThat(metadata.getJsonArray("authorization_servers")).containsExactly(authorizationServer.issuer());
            assertThat(metadata.getJsonArray("bearer_methods_supported")).containsExactly("header");
            assertThat(metadata.getJsonArray("scopes_supported")).containsExactly("mcp");
        }
    }

    @Test
    void shouldAnswerARequestWithoutCredentialsWith401NamingItsMetadata() throws Exception {
        HttpResponse<String> response = raw.post(ping(), Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.UNAUTHORIZED);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        String metadataUrl = "http://127.0.0.1:" + port + ProtectedResource.WELL_KNOWN + "/mcp";
        assertThat(challenge).startsWith("Bearer ").contains("resource_metadata=\"" + metadataUrl + "\"").contains("scope=\"mcp\"")
                .doesNotContain("error=");
        assertThat(new JsonObject(get(metadataUrl).body()).getString("resource")).isEqualTo(resource);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"agent-rs, RS256, treasury", "agent-es, ES256, platform"})
    void shouldForwardACallWithAValidTokenAsTheAgentItsClaimsName(String clientId, String alg, String team) throws Exception {
        String token = token(clientId, resource);
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm().getName()).isEqualTo(alg);
        String text = "oauth-call-" + clientId;

        HttpResponse<String> response = call(token, text);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo(text);
        assertThat(gateway.callsReceived()).anySatisfy(line -> assertThat(line).contains(text));
        AgentIdentity agent = receiptOf(text).getIntent().getAgent();
        assertThat(agent.getId()).isEqualTo(clientId);
        assertThat(agent.getGroups()).contains("demo");
        assertThat(agent.getAttributes()).containsEntry("team", team);
        assertThat(agent.getCredential()).isEqualTo("oauth:" + authorizationServer.issuer() + "#jti="
                + SignedJWT.parse(token).getJWTClaimsSet().getJWTID());
        assertThat(agent.getCredential()).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void shouldKeepTakingApiKeysBesideTokens() {
        HttpResponse<String> response = call(EdgeFixture.ALICE_KEY, "api key beside tokens");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(receiptOf("api key beside tokens").getIntent().getAgent().getId()).isEqualTo("alice");
    }

    @Test
    void shouldRefuseAnExpiredTokenSignedByTheAuthorizationServersOwnKey() throws Exception {
        Instant now = Instant.now();
        String token = sign(rsaKey, JWSAlgorithm.RS256, claimsOf(token("agent-rs", resource))
                .issueTime(Date.from(now.minusSeconds(1200))).expirationTime(Date.from(now.minusSeconds(600))).build());

        assertRefused(token, "expired");
    }

    @Test
    void shouldRefuseATokenThatIsNotValidYet() throws Exception {
        Instant now = Instant.now();
        String token = sign(ecKey, JWSAlgorithm.ES256, claimsOf(token("agent-es", resource))
                .notBeforeTime(Date.from(now.plusSeconds(600))).expirationTime(Date.from(now.plusSeconds(1200))).build());

        assertRefused(token, "not_yet_valid");
    }

    @Test
    void shouldRefuseATokenTheAuthorizationServerIssuedForAnotherResource() throws Exception {
        String token = token("agent-rs", "https://elsewhere.example/mcp");
        assertThat(claimsOf(token).build().getAudience()).containsExactly("https://elsewhere.example/mcp");

        assertRefused(token, "wrong_audience");
    }

    @Test
    void shouldRefuseATokenOfAnotherIssuerEvenSignedByATrustedKey() throws Exception {
        String token = sign(rsaKey, JWSAlgorithm.RS256, claimsOf(token("agent-rs", resource)).issuer("http://127.0.0.1:1/impostor").build());

        assertRefused(token, "wrong_issuer");
    }

    @Test
    void shouldRefuseAnUnsignedToken() throws Exception {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}").toString();
        String claims = Base64URL.encode(claimsOf(token("agent-rs", resource)).build().toString()).toString();

        assertRefused(header + "." + claims + ".", "unsigned");
    }

    @Test
    void shouldRefuseATokenReSignedByAnotherKeyUnderTheAuthorizationServersKeyId() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(rsaKey.getKeyID()).generate();
        String token = sign(impostor, JWSAlgorithm.RS256, claimsOf(token("agent-rs", resource)).claim("groups", List.of("admins")).build());

        assertRefused(token, "bad_signature");
    }

    @Test
    void shouldRefuseATokenSignedByAKeyTheAuthorizationServerDoesNotPublish() throws Exception {
        ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID("not-published").generate();
        String token = sign(impostor, JWSAlgorithm.ES256, claimsOf(token("agent-es", resource)).build());

        assertRefused(token, "unknown_key");
    }

    @Test
    void shouldRefuseATokenMacedWithTheAuthorizationServersPublicKey() throws Exception {
        // The algorithm confusion attack: HS256 keyed with what a verifier might take for "the key".
        byte[] publicKey = rsaKey.toPublicJWK().toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(rsaKey.getKeyID()).type(new JOSEObjectType("at+jwt")).build(),
                claimsOf(token("agent-rs", resource)).build());
        jwt.sign(new MACSigner(publicKey));

        assertRefused(jwt.serialize(), "algorithm");
    }

    @Test
    void shouldNeverEchoNorLogTheRefusedToken() throws Exception {
        String token = sign(rsaKey, JWSAlgorithm.RS256, claimsOf(token("agent-rs", resource))
                .expirationTime(Date.from(Instant.now().minusSeconds(600))).build());

        HttpResponse<String> response = call(token, "echo-check");

        assertThat(response.body()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        assertThat(response.headers().allValues("WWW-Authenticate")).noneSatisfy(v -> assertThat(v).contains(token.substring(0, 20)));
    }

    @Test
    void shouldLetTheTypeScriptSdkClientGetItsOwnTokenByClientCredentialsAndCall() throws Exception {
        String text = "from the SDK's client credentials";

        JsonObject answer = new JsonObject(NodePeers.oauthClient(gateway.mcpUrl(), "agent-es", SECRET, authorizationServer.issuer(), "2026",
                "call", "demo__echo", new JsonObject().put("text", text).encode()));

        assertThat(answer.getJsonObject("error")).isNull();
        assertThat(answer.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo(text);
        assertThat(receiptOf(text).getIntent().getAgent().getId()).isEqualTo("agent-es");
    }

    /** 401, the challenge naming the metadata and invalid_token, the tool server never reached, and the refusal counted by reason. */
    private static void assertRefused(String token, String reason) {
        double before = refusals(reason);
        String text = "refused-" + reason + "-" + UUID.randomUUID();

        HttpResponse<String> response = call(token, text);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(RawMcpHttp.errorCode(response)).isEqualTo(ErrorCodes.UNAUTHORIZED);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                .startsWith("Bearer ").contains("resource_metadata=\"http://127.0.0.1:" + port + "/.well-known/oauth-protected-resource/mcp\"")
                .contains("error=\"invalid_token\""));
        assertThat(gateway.callsReceived()).noneSatisfy(line -> assertThat(line).contains(text));
        assertThat(refusals(reason)).isEqualTo(before + 1);
    }

    /** mcpgw_authentication_refused_total for bearer tokens refused for {@code reason}. */
    private static double refusals(String reason) {
        Matcher matcher = Pattern.compile("(?m)^mcpgw_authentication_refused_total\\{method=\"bearer-jwt\",reason=\"" + reason + "\"} (\\S+)$")
                .matcher(raw.metrics());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static HttpResponse<String> call(String token, String text) {
        JsonObject request = RawMcpHttp.statelessRequest(ids++, "tools/call",
                new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", text)));
        Map<String, String> headers = new HashMap<>(RawMcpHttp.statelessHeaders(request));
        headers.put("Authorization", "Bearer " + token);
        return raw.post(request.encode(), headers);
    }

    private static String ping() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    }

    /** An access token from the authorization server, by the client credentials grant, for {@code audience}. */
    private static String token(String clientId, String audience) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(authorizationServer.issuer() + "/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&resource="
                        + java.net.URLEncoder.encode(audience, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("access_token");
    }

    private static JWTClaimsSet.Builder claimsOf(String token) throws Exception {
        return new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet());
    }

    private static String sign(com.nimbusds.jose.jwk.JWK key, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt")).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Receipt receiptOf(String text) {
        return TopicIO.readUntil(Topics.RECEIPT, rs -> rs.stream().anyMatch(r -> r.value().getIntent().getArgumentsJson().contains(text)),
                        Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).filter(r -> r.getIntent().getArgumentsJson().contains(text)).findFirst().orElseThrow();
    }
}
