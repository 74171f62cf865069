package dev.mcpgw.edge.identity;

/**
 * Why a request's credential was refused: the reason metrics and the trail count it under, the
 * method it came by, what the client is told, and the HTTP status. A refusal of a presented token
 * is {@code invalid_token} (RFC 6750); none names or repeats the token.
 */
public enum AuthenticationRefusal {
    /** No Authorization header. */
    MISSING(Method.NONE, "missing", "no credentials: send 'Authorization: Bearer <token>'", false),
    /** An Authorization header of another scheme than Bearer, or an empty one. */
    NOT_BEARER(Method.NONE, "not_bearer", "the Authorization header must be 'Bearer <token>'", false),
    /** A bearer value that is neither a configured API key nor (with OAuth) a JWT. */
    UNKNOWN_API_KEY(Method.API_KEY, "unknown_key", "the API key is not valid", true),
    /** Not a JWS compact serialization, or claims that are not a JSON object. */
    MALFORMED(Method.BEARER_JWT, "malformed", "the access token is not a well-formed signed JWT", true),
    /** {@code alg: none}. */
    UNSIGNED(Method.BEARER_JWT, "unsigned", "the access token is not signed (alg none is refused)", true),
    /** A JWS algorithm other than RS256 and ES256 (HS256 among them), or an encrypted token. */
    ALGORITHM(Method.BEARER_JWT, "algorithm", "the access token's algorithm is not accepted (RS256 and ES256 are)", true),
    /** A {@code typ} header other than at+jwt or JWT (an ID token, a logout token...). */
    TOKEN_TYPE(Method.BEARER_JWT, "token_type", "the token is not an access token (typ must be at+jwt or JWT)", true),
    /** {@code iss} names no configured authorization server. */
    UNKNOWN_ISSUER(Method.BEARER_JWT, "wrong_issuer", "the access token's issuer is not trusted by this resource", true),
    /** No key of the issuer's JWKS (refreshed if allowed) matches the token's header. */
    UNKNOWN_KEY(Method.BEARER_JWT, "unknown_key", "the access token is signed by a key its issuer does not publish", true),
    /** No matching key verifies the signature. */
    BAD_SIGNATURE(Method.BEARER_JWT, "bad_signature", "the access token's signature does not verify", true),
    /** Past {@code exp} (plus the allowed clock skew), or no {@code exp} at all. */
    EXPIRED(Method.BEARER_JWT, "expired", "the access token has expired", true),
    /** Before {@code nbf} (less the allowed clock skew). */
    NOT_YET_VALID(Method.BEARER_JWT, "not_yet_valid", "the access token is not valid yet", true),
    /** {@code aud} does not name this resource (RFC 8707). */
    WRONG_AUDIENCE(Method.BEARER_JWT, "wrong_audience", "the access token was not issued for this resource", true),
    /** The claim the config maps to the agent id is absent or not a string. */
    NO_AGENT_ID(Method.BEARER_JWT, "no_agent_id", "the access token has no claim naming the agent", true),
    /** The issuer's keys could not be fetched: the token cannot be checked now (503, not the client's fault). */
    KEYS_UNAVAILABLE(Method.BEARER_JWT, "keys_unavailable", "the authorization server's keys cannot be fetched now: try again later", false);

    /** How the refused credential came. */
    public enum Method {
        NONE("none"), API_KEY("api-key"), BEARER_JWT("bearer-jwt");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Method method;
    private final String reason;
    private final String description;
    private final boolean invalidToken;

    AuthenticationRefusal(Method method, String reason, String description, boolean invalidToken) {
        this.method = method;
        this.reason = reason;
        this.description = description;
        this.invalidToken = invalidToken;
    }

    public Method method() {
        return method;
    }

    /** The reason label of metrics and the trail. */
    public String reason() {
        return reason;
    }

    /** What the client is told (error_description, and the JSON-RPC error's message). */
    public String description() {
        return description;
    }

    /** Whether a token was presented and refused: the challenge then says {@code error="invalid_token"}. */
    public boolean invalidToken() {
        return invalidToken;
    }

    /** 503 when the gateway cannot check a token now, else 401. */
    public int httpStatus() {
        return this == KEYS_UNAVAILABLE ? 503 : 401;
    }
}
