package dev.mcpgw.edge.identity;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One issuer's signing keys, fetched without blocking (Vert.x's HTTP client) from the configured
 * {@code jwks_uri}, or from the {@code jwks_uri} of the issuer's metadata (RFC 8414, then OpenID
 * Connect discovery; the metadata's {@code issuer} must be the configured one). The set is kept and
 * used until it is {@link #MAX_AGE} old, then fetched again in the background. A token whose
 * header matches no kept key makes the cache fetch the set again (a rotated key), at most once per
 * {@code minRefreshInterval} after a success and once per {@code retryInterval} after a failure,
 * so tokens naming made-up key ids cannot make the gateway hammer the authorization server. One
 * fetch at a time: everyone waiting shares it. Only ever used on the edge's event loop.
 */
public final class JwksCache {
    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
    public static final Duration MAX_AGE = Duration.ofMinutes(10);
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;

    /** The keys could not be had: no set was ever fetched, and fetching failed or was not allowed yet. */
    public static final class KeysUnavailable extends RuntimeException {
        KeysUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient http;
    private final String issuer;
    private final URI configuredJwksUri;
    private final Duration minRefreshInterval;
    private final Duration retryInterval;
    private final LongSupplier nanoTime;
    private URI jwksUri;
    private JWKSet keys;
    private long fetchedAt;
    private long lastAttempt;
    private boolean lastAttemptFailed;
    private boolean attempted;
    private Future<JWKSet> inFlight;
    private int fetches;

    public JwksCache(HttpClient http, String issuer, URI jwksUri, Duration minRefreshInterval, Duration retryInterval, LongSupplier nanoTime) {
        this.http = http;
        this.issuer = issuer;
        this.configuredJwksUri = jwksUri;
        this.jwksUri = jwksUri;
        this.minRefreshInterval = minRefreshInterval;
        this.retryInterval = retryInterval;
        this.nanoTime = nanoTime;
    }

    public JwksCache(HttpClient http, String issuer, URI jwksUri) {
        this(http, issuer, jwksUri, MIN_REFRESH_INTERVAL, RETRY_INTERVAL, System::nanoTime);
    }

    /**
     * The kept keys that match {@code header} (key type for its algorithm, its kid if it names one,
     * use sig or none). None matching: the set is fetched again if the rate allows, and matched
     * again. Fails with {@link KeysUnavailable} only when no set was ever had.
     */
    public Future<List<JWK>> keysFor(JWSHeader header) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
        List<JWK> matching = keys == null ? List.of() : selector.select(keys);
        if (!matching.isEmpty()) {
            if (nanoTime.getAsLong() - fetchedAt > MAX_AGE.toNanos() && mayFetch()) {
                refresh();
            }
            return Future.succeededFuture(matching);
        }
        if (!mayFetch()) {
            return keys == null ? Future.failedFuture(new KeysUnavailable("the keys of " + issuer + " could not be fetched"))
                    : Future.succeededFuture(List.of());
        }
        return refresh().map(selector::select)
                .recover(e -> keys == null ? Future.failedFuture(new KeysUnavailable("the keys of " + issuer + " could not be fetched: "
                        + e.getMessage())) : Future.succeededFuture(selector.select(keys)));
    }

    /** Fetches the set now, unless a fetch is under way (then its result); for a start that does not make the first client wait. */
    public Future<JWKSet> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        attempted = true;
        lastAttempt = nanoTime.getAsLong();
        fetches++;
        Future<JWKSet> fetch = resolveJwksUri().compose(uri -> get(uri)).map(body -> {
            try {
                JWKSet set = JWKSet.parse(body.toString()).toPublicJWKSet();
                keys = set;
                fetchedAt = nanoTime.getAsLong();
                lastAttemptFailed = false;
                return set;
            } catch (ParseException e) {
                throw new IllegalStateException("the JWKS of " + issuer + " is not a JWK set: " + e.getMessage());
            }
        });
        inFlight = fetch;
        fetch.onComplete(r -> {
            inFlight = null;
            if (r.failed()) {
                lastAttemptFailed = true;
                if (configuredJwksUri == null) {
                    jwksUri = null;
                }
                LOG.warn("could not fetch the signing keys of authorization server {}: {}", issuer, r.cause().getMessage());
            }
        });
        return fetch;
    }

    /** How many fetches were started (each fetch of the set counts once, whatever discovery it needed). */
    public int fetches() {
        return fetches;
    }

    private boolean mayFetch() {
        if (!attempted) {
            return true;
        }
        Duration wait = lastAttemptFailed || keys == null ? retryInterval : minRefreshInterval;
        return nanoTime.getAsLong() - lastAttempt >= wait.toNanos();
    }

    private Future<URI> resolveJwksUri() {
        if (jwksUri != null) {
            return Future.succeededFuture(jwksUri);
        }
        return discover(metadataUrls(issuer), 0, new ArrayList<>()).map(uri -> {
            jwksUri = uri;
            return uri;
        });
    }

    /** Tries each metadata URL in turn; the first that answers with this issuer's metadata gives the jwks_uri. */
    private Future<URI> discover(List<URI> candidates, int index, List<String> failures) {
        if (index >= candidates.size()) {
            return Future.failedFuture(new IllegalStateException("no metadata of " + issuer + " names its jwks_uri (" + String.join("; ", failures) + ")"));
        }
        URI candidate = candidates.get(index);
        return get(candidate).compose(body -> {
            JsonObject metadata = new JsonObject(body);
            if (!issuer.equals(metadata.getString("issuer"))) {
                return Future.failedFuture(new IllegalStateException(candidate + " is the metadata of issuer " + metadata.getValue("issuer")));
            }
            String jwks = metadata.getString("jwks_uri");
            if (jwks == null) {
                return Future.failedFuture(new IllegalStateException(candidate + " names no jwks_uri"));
            }
            URI uri = URI.create(jwks);
            OAuthSettings.requireWebUri(uri, "the jwks_uri of " + issuer);
            return Future.succeededFuture(uri);
        }).recover(e -> {
            failures.add(e.getMessage());
            return discover(candidates, index + 1, failures);
        });
    }

    /**
     * Where an issuer's metadata may be: RFC 8414's well-known URI (inserted before the issuer's
     * path), then OpenID Connect discovery's (inserted, then appended), as the MCP authorization
     * specification has clients try them.
     */
    static List<URI> metadataUrls(String issuer) {
        URI uri = URI.create(issuer);
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : stripTrailingSlash(uri.getRawPath());
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        List<URI> urls = new ArrayList<>();
        urls.add(URI.create(origin + "/.well-known/oauth-authorization-server" + path));
        urls.add(URI.create(origin + "/.well-known/openid-configuration" + path));
        if (!path.isEmpty()) {
            urls.add(URI.create(origin + path + "/.well-known/openid-configuration"));
        }
        return urls;
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private Future<Buffer> get(URI uri) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri.toString())
                .setFollowRedirects(false).setConnectTimeout(FETCH_TIMEOUT.toMillis()).setIdleTimeout(FETCH_TIMEOUT.toMillis())
                .putHeader("Accept", "application/json");
        return http.request(options).compose(request -> request.send()).compose(response -> {
            if (response.statusCode() != 200) {
                return response.body().transform(ignored -> Future.failedFuture(new IllegalStateException(uri + " answered HTTP " + response.statusCode())));
            }
            return response.body().compose(body -> body.length() > MAX_DOCUMENT_BYTES
                    ? Future.failedFuture(new IllegalStateException(uri + " answered more than " + MAX_DOCUMENT_BYTES + " bytes"))
                    : Future.succeededFuture(body));
        });
    }
}
