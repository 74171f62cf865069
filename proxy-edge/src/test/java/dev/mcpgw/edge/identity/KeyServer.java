package dev.mcpgw.edge.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpgw.edge.downstream.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A stand-in authorization server for unit tests: serves a JWKS that the test changes at will
 * (at /jwks) and OpenID Connect discovery metadata naming it, on a loopback port, and counts what
 * was fetched. Signs tokens with the keys it was given. Runs everything on one Vert.x context,
 * as the edge does.
 */
public final class KeyServer implements AutoCloseable {
    private final EventLoop loop = new EventLoop();
    public final Vertx vertx = loop.vertx();
    public final Context context = loop.context();
    public final List<String> fetched = new CopyOnWriteArrayList<>();
    private volatile List<JWK> published = List.of();
    private volatile String metadataIssuer;
    private final HttpServer server;

    public KeyServer() {
        server = onLoop(() -> vertx.createHttpServer().requestHandler(request -> {
            fetched.add(request.path());
            switch (request.path()) {
                case "/jwks" -> request.response().putHeader("Content-Type", "application/json")
                        .end(new JWKSet(published).toPublicJWKSet().toString());
                case "/.well-known/openid-configuration" -> request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("issuer", metadataIssuer == null ? issuer() : metadataIssuer)
                                .put("jwks_uri", issuer() + "/jwks").encode());
                default -> request.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1"));
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public void publish(JWK... keys) {
        published = List.of(keys);
    }

    /** Makes the discovery metadata name another issuer than the one it is served for. */
    public void metadataNames(String issuer) {
        metadataIssuer = issuer;
    }

    public long jwksFetches() {
        return fetched.stream().filter("/jwks"::equals).count();
    }

    /** Runs {@code work} on this server's context (as the edge runs on its event loop) and waits for its result. */
    public <T> T onLoop(Supplier<Future<T>> work) {
        return loop.await(work);
    }

    public static String sign(JWK key, JWTClaimsSet claims) {
        return sign(key, "at+jwt", claims);
    }

    public static String sign(JWK key, String type, JWTClaimsSet claims) {
        try {
            boolean rsa = key instanceof RSAKey;
            JWSHeader.Builder header = new JWSHeader.Builder(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256).keyID(key.getKeyID());
            if (type != null) {
                header.type(new JOSEObjectType(type));
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(rsa ? new RSASSASigner((RSAKey) key) : new ECDSASigner((ECKey) key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
