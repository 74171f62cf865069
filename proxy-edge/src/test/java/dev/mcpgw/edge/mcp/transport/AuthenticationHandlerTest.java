package dev.mcpgw.edge.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.identity.AgentCredential;
import dev.mcpgw.edge.identity.ApiKeyAuthenticator;
import dev.mcpgw.edge.identity.AuthenticationRefusals;
import dev.mcpgw.edge.identity.CredentialLabels;
import dev.mcpgw.edge.identity.JwtAccessTokens;
import dev.mcpgw.edge.identity.KeyServer;
import dev.mcpgw.edge.identity.OAuthSettings;
import dev.mcpgw.schemas.SecretKeyFile;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler in front of a body handler, as the edge has it: the body must survive a wait for the issuer's keys. */
class AuthenticationHandlerTest {
    private static final String RESOURCE = "http://127.0.0.1:1/mcp";
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> refused = new ArrayList<>();
    private KeyServer keys;
    private RSAKey rsa;
    private String url;
    /** A handler whose issuer's keys cannot be fetched. */
    private String urlWithoutKeys;

    @BeforeEach
    void start() throws Exception {
        keys = new KeyServer();
        rsa = new RSAKeyGenerator(2048).keyID("k").generate();
        keys.publish(rsa);
        OAuthSettings oauth = new OAuthSettings(URI.create(RESOURCE), List.of(new OAuthSettings.AuthorizationServer(keys.issuer(),
                URI.create(keys.issuer() + "/jwks"), null)), List.of(), null);
        HttpServer server = keys.onLoop(() -> {
            // No prefetch: the first token makes the handler wait for the keys.
            JwtAccessTokens tokens = new JwtAccessTokens(oauth, keys.vertx.createHttpClient(), Clock.systemUTC());
            ApiKeyAuthenticator apiKeys = new ApiKeyAuthenticator(List.of(new AgentCredential("keyed", "the-key", List.of())),
                    new CredentialLabels(SecretKeyFile.random()));
            Router router = Router.router(keys.vertx);
            router.route("/mcp").handler(new AuthenticationHandler(apiKeys, Optional.of(tokens),
                    new AuthenticationRefusals((method, reason) -> refused.add(method + "/" + reason))));
            router.route("/mcp").handler(BodyHandler.create(false));
            router.post("/mcp").handler(ctx -> ctx.response().end(((Agent) ctx.get(AuthenticationHandler.AGENT)).id() + ":" + ctx.body().asString()));
            return keys.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1");
        });
        url = "http://127.0.0.1:" + server.actualPort() + "/mcp";
        OAuthSettings keysMissing = new OAuthSettings(URI.create(RESOURCE), List.of(new OAuthSettings.AuthorizationServer(keys.issuer(),
                URI.create(keys.issuer() + "/no-such-jwks"), null)), List.of(), null);
        HttpServer withoutKeys = keys.onLoop(() -> {
            Router router = Router.router(keys.vertx);
            router.route("/mcp").handler(new AuthenticationHandler(new ApiKeyAuthenticator(List.of(), new CredentialLabels(SecretKeyFile.random())),
                    Optional.of(new JwtAccessTokens(keysMissing, keys.vertx.createHttpClient(), Clock.systemUTC())),
                    new AuthenticationRefusals((method, reason) -> refused.add(method + "/" + reason))));
            return keys.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1");
        });
        urlWithoutKeys = "http://127.0.0.1:" + withoutKeys.actualPort() + "/mcp";
    }

    @AfterEach
    void stop() {
        keys.close();
    }

    private HttpResponse<String> post(String credential, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String audience) {
        return KeyServer.sign(rsa, new JWTClaimsSet.Builder().issuer(keys.issuer()).audience(audience).subject("agent-9")
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
    }

    @Test
    void shouldReadTheWholeBodyOfARequestWhoseTokenWaitedForItsIssuersKeys() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"pad\":\"" + "x".repeat(100_000) + "\"}";

        HttpResponse<String> response = post(token(RESOURCE), body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("agent-9:" + body);
        assertThat(keys.jwksFetches()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAfterTheWaitAndStillAnswerTheNextRequestOnTheConnection() throws Exception {
        HttpResponse<String> refusedResponse = post(token("https://elsewhere.example/mcp"), "x".repeat(50_000));
        HttpResponse<String> next = post("the-key", "after");

        assertThat(refusedResponse.statusCode()).isEqualTo(401);
        assertThat(refusedResponse.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("resource_metadata=\"http://127.0.0.1:1/.well-known/oauth-protected-resource/mcp\"")
                .contains("error=\"invalid_token\"");
        assertThat(next.body()).isEqualTo("keyed:after");
        assertThat(refused).containsExactly("bearer-jwt/wrong_audience");
    }

    @Test
    void shouldCountEachRefusalByMethodAndReason() throws Exception {
        post(null, "");
        post("unknown-key", "");
        assertThat(refused).containsExactly("none/missing", "api-key/unknown_key");
        HttpResponse<String> basic = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic dTpw")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.headers().firstValue("WWW-Authenticate").orElseThrow()).doesNotContain("error=");
        assertThat(refused).containsExactly("none/missing", "api-key/unknown_key", "none/not_bearer");
    }

    @Test
    void shouldRefuseATokenOfAnIssuerNotConfiguredWithoutFetchingAnything() throws Exception {
        HttpResponse<String> response = post(KeyServer.sign(new RSAKeyGenerator(2048).keyID("other").generate(),
                new JWTClaimsSet.Builder().issuer("https://not-configured.example").build()), "{}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(keys.jwksFetches()).isZero();
        assertThat(refused).containsExactly("bearer-jwt/wrong_issuer");
    }

    @Test
    void shouldAnswer503NotInvalidTokenWhileTheIssuersKeysCannotBeHad() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(urlWithoutKeys))
                .header("Authorization", "Bearer " + token(RESOURCE)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(refused).containsExactly("bearer-jwt/keys_unavailable");
    }

    @Test
    void shouldRefuseGarbageShapedAsAJwtAsMalformed() throws Exception {
        post("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "");
        post("e30.e30.e30", "");

        assertThat(refused).containsExactly("bearer-jwt/malformed", "bearer-jwt/malformed");
    }
}
