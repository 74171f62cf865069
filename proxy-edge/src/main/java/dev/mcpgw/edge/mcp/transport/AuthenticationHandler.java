package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.identity.ApiKeyAuthenticator;
import dev.mcpgw.edge.identity.AuthenticationRefusal;
import dev.mcpgw.edge.identity.AuthenticationRefusals;
import dev.mcpgw.edge.identity.JwtAccessTokens;
import dev.mcpgw.edge.identity.ProtectedResource;
import dev.mcpgw.edge.mcp.ErrorCodes;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Runs before the MCP transport: a request without a valid credential gets 401 and is never
 * parsed, let alone proposed. A credential is {@code Authorization: Bearer <value>}: an API key of
 * the config, or (when OAuth is configured) a JWT access token of a configured authorization
 * server. The verified agent is put on the routing context for the handlers. Every refusal is
 * counted and logged (aggregated) by {@link AuthenticationRefusals}, and answered with the
 * {@code WWW-Authenticate} challenge that names the gateway's protected resource metadata.
 *
 * <p>The check is synchronous unless a token's issuer keys must be fetched first: the request is
 * then paused until they are, so its body waits for the body handler, unread.
 */
public final class AuthenticationHandler implements Handler<RoutingContext> {
    public static final String AGENT = "mcpgw.agent";
    private static final String BEARER = "bearer ";
    private final ApiKeyAuthenticator apiKeys;
    private final Optional<JwtAccessTokens> tokens;
    private final Optional<ProtectedResource> resource;
    private final AuthenticationRefusals refusals;

    public AuthenticationHandler(ApiKeyAuthenticator apiKeys, Optional<JwtAccessTokens> tokens, AuthenticationRefusals refusals) {
        this.apiKeys = apiKeys;
        this.tokens = tokens;
        this.resource = tokens.map(t -> new ProtectedResource(t.settings()));
        this.refusals = refusals;
    }

    /** API keys only, refusals counted nowhere (for tests of the handler alone). */
    public AuthenticationHandler(ApiKeyAuthenticator apiKeys) {
        this(apiKeys, Optional.empty(), new AuthenticationRefusals((method, reason) -> { }));
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null) {
            refuse(ctx, AuthenticationRefusal.MISSING);
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.substring(BEARER.length()).isBlank()) {
            refuse(ctx, AuthenticationRefusal.NOT_BEARER);
            return;
        }
        String credential = header.substring(BEARER.length()).trim();
        Optional<Agent> byKey = apiKeys.lookup(credential);
        if (byKey.isPresent()) {
            accept(ctx, byKey.get());
            return;
        }
        if (tokens.isEmpty() || !JwtAccessTokens.looksLikeJwt(credential)) {
            refuse(ctx, AuthenticationRefusal.UNKNOWN_API_KEY);
            return;
        }
        Future<JwtAccessTokens.Verdict> verdict = tokens.get().verify(credential);
        if (verdict.isComplete()) {
            conclude(ctx, verdict.result());
            return;
        }
        // The issuer's keys are being fetched: hold the body back until the body handler asks for it.
        ctx.request().pause();
        verdict.onComplete(done -> {
            if (done.succeeded() && done.result().accepted()) {
                accept(ctx, done.result().agent());
            } else {
                refuse(ctx, done.succeeded() ? done.result().refusal() : AuthenticationRefusal.KEYS_UNAVAILABLE);
                // Let whatever body came be read and dropped, so the connection is not left stalled.
                ctx.request().resume();
            }
        });
    }

    private void conclude(RoutingContext ctx, JwtAccessTokens.Verdict verdict) {
        if (verdict.accepted()) {
            accept(ctx, verdict.agent());
        } else {
            refuse(ctx, verdict.refusal());
        }
    }

    private static void accept(RoutingContext ctx, Agent agent) {
        ctx.put(AGENT, agent);
        ctx.next();
    }

    private void refuse(RoutingContext ctx, AuthenticationRefusal refusal) {
        refusals.refused(ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress(), refusal);
        if (refusal.httpStatus() == 503) {
            ctx.response().putHeader("Retry-After", "5");
            HttpReplies.error(ctx, 503, null, ErrorCodes.UNAUTHORIZED, "Service Unavailable: " + refusal.description());
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", resource.map(r -> r.challenge(refusal)).orElseGet(ProtectedResource::apiKeyChallenge));
        String why = refusal == AuthenticationRefusal.UNKNOWN_API_KEY && resource.isPresent()
                ? "the bearer value is neither a configured API key nor a JWT access token" : refusal.description();
        HttpReplies.error(ctx, 401, null, ErrorCodes.UNAUTHORIZED, "Unauthorized: " + why
                + (resource.isPresent() ? " (see the resource metadata the WWW-Authenticate header names)" : " (send a valid API key as 'Authorization: Bearer <key>')"));
    }
}
