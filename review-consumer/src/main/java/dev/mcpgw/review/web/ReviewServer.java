package dev.mcpgw.review.web;

import dev.mcpgw.review.ReviewBoard;
import dev.mcpgw.review.VerdictDesk;
import dev.mcpgw.review.VerdictRefused;
import dev.mcpgw.review.approver.Approver;
import dev.mcpgw.review.approver.ApproverDirectory;
import dev.mcpgw.review.approver.LoginThrottle;
import dev.mcpgw.schemas.ReviewVerdict;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The approvers' HTTP face: the review page (sign-in with a session cookie, a CSRF token on every
 * form), the board fragment the page polls for live updates, and a JSON API for the CLI
 * authenticated with approver credentials (HTTP Basic). An agent's API key is no approver
 * credential: nothing here accepts a bearer token.
 */
public final class ReviewServer {
    static final String SESSION_COOKIE = "mcpgw_review_session";
    static final String LOGIN_COOKIE = "mcpgw_review_login";
    /** Forms carry an id, a choice and a comment; an approver's password; nothing needs more. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";

    private final Vertx vertx;
    private final ReviewBoard board;
    private final VerdictDesk desk;
    private final ApproverDirectory approvers;
    private final ApproverSessions sessions;
    private final LoginThrottle throttle;
    private final boolean secureCookies;
    private final Clock clock;
    private final String script = resource("app.js");
    private final String style = resource("app.css");
    private HttpServer server;

    public ReviewServer(Vertx vertx, ReviewBoard board, VerdictDesk desk, ApproverDirectory approvers, ApproverSessions sessions,
                        LoginThrottle throttle, boolean secureCookies, Clock clock) {
        this.vertx = vertx;
        this.board = board;
        this.desk = desk;
        this.approvers = approvers;
        this.sessions = sessions;
        this.throttle = throttle;
        this.secureCookies = secureCookies;
        this.clock = clock;
    }

    public Future<HttpServer> listen(String host, int port) {
        // Answers in HTTP/1.1 even when asked to upgrade: the JDK's HttpClient (the review CLI's)
        // asks by default and misreads a long review list sent over the upgraded connection.
        return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)).requestHandler(routes())
                .listen(port, host).onSuccess(s -> server = s);
    }

    public int port() {
        return server.actualPort();
    }

    private Router routes() {
        Router routes = Router.router(vertx);
        routes.route().handler(ReviewServer::securityHeaders);
        routes.post().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        routes.get("/healthz").handler(this::health);
        routes.get("/app.js").handler(ctx -> ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8").end(script));
        routes.get("/app.css").handler(ctx -> ctx.response().putHeader("Content-Type", "text/css; charset=utf-8").end(style));
        routes.get("/login").handler(ctx -> showLogin(ctx, 200, null));
        routes.post("/login").handler(this::login);
        routes.post("/logout").handler(formAction((ctx, session) -> {
            sessions.close(session.id());
            ctx.response().addCookie(expired(SESSION_COOKIE));
            redirect(ctx, "/login");
        }));
        routes.get("/").handler(this::page);
        routes.get("/board").handler(ctx -> withSession(ctx).ifPresentOrElse(
                session -> ctx.response().putHeader("Content-Type", HTML).end(board(session)),
                () -> ctx.response().setStatusCode(401).end()));
        routes.post("/verdict").handler(formAction(this::verdictFromPage));
        routes.get("/api/reviews").handler(ctx -> basic(ctx, approver ->
                json(ctx, 200, ReviewJson.board(board.pending(), board.history()))));
        routes.get("/api/reviews/:id").handler(ctx -> basic(ctx, approver -> board.find(ctx.pathParam("id")).ifPresentOrElse(
                review -> json(ctx, 200, ReviewJson.review(review)),
                () -> json(ctx, 404, error("no review has the id " + ctx.pathParam("id"))))));
        routes.post("/api/reviews/:id/:answer").handler(ctx -> basic(ctx, approver -> verdictFromApi(ctx, approver)));
        routes.route().failureHandler(ctx -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(ctx.statusCode() > 0 ? ctx.statusCode() : 500).end();
            }
        });
        return routes;
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY").putHeader("Referrer-Policy", "no-referrer").putHeader("Cache-Control", "no-store");
        ctx.next();
    }

    private void health(RoutingContext ctx) {
        boolean up = board.isRunning();
        json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN"));
    }

    // --- sign-in -------------------------------------------------------------------------------

    /** The sign-in form, with a fresh token both in a SameSite=Strict cookie and in the form: a post from elsewhere has neither. */
    private void showLogin(RoutingContext ctx, int status, String message) {
        String token = ApproverSessions.randomToken();
        ctx.response().addCookie(cookie(LOGIN_COOKIE, token, Duration.ofHours(1)));
        ctx.response().setStatusCode(status).putHeader("Content-Type", HTML).end(ReviewPage.login(token, message));
    }

    private void login(RoutingContext ctx) {
        String id = ctx.request().getFormAttribute("approver");
        String password = ctx.request().getFormAttribute("password");
        Cookie loginCookie = ctx.request().getCookie(LOGIN_COOKIE);
        if (loginCookie == null || !sameToken(loginCookie.getValue(), ctx.request().getFormAttribute("csrf"))) {
            showLogin(ctx, 403, "The sign-in form was not the one this page gave; sign in again.");
            return;
        }
        authenticate(ctx, id, password).onComplete(result -> {
            if (ctx.response().ended()) {
                return;
            }
            if (result.failed()) {
                showLogin(ctx, 500, "Sign-in failed.");
            } else if (result.result().isEmpty()) {
                showLogin(ctx, 401, "Wrong approver or password.");
            } else {
                ApproverSessions.Session session = sessions.open(result.result().get());
                ctx.response().addCookie(expired(LOGIN_COOKIE)).addCookie(cookie(SESSION_COOKIE, session.id(), sessions.lifetime()));
                redirect(ctx, "/");
            }
        });
    }

    /**
     * Checks an approver's id and password off the event loop (bcrypt is slow on purpose), after
     * the throttle: too many failures from this address or for this approver answer 429 at once.
     */
    private Future<Optional<Approver>> authenticate(RoutingContext ctx, String id, String password) {
        String address = "address:" + ctx.request().remoteAddress().hostAddress();
        String account = approvers.knows(id) ? "approver:" + id : null;
        Duration wait = throttle.waitFor(address);
        if (account != null && wait.isZero()) {
            wait = throttle.waitFor(account);
        }
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            ctx.response().putHeader("Retry-After", String.valueOf(seconds));
            String message = "Too many failed sign-ins; try again in " + seconds + " s.";
            if (ctx.request().path().startsWith("/api/")) {
                json(ctx, 429, error(message));
            } else {
                showLogin(ctx, 429, message);
            }
            return Future.succeededFuture(Optional.empty());
        }
        // Each attempt counts as a failure before its check runs, so attempts sent all at once cannot
        // all pass the throttle while their checks are still running; a success clears the count.
        throttle.failed(address);
        if (account != null) {
            throttle.failed(account);
        }
        return vertx.executeBlocking(() -> approvers.authenticate(id, password), false).onSuccess(approver -> {
            if (approver.isPresent()) {
                throttle.succeeded(address);
                if (account != null) {
                    throttle.succeeded(account);
                }
            }
        });
    }

    // --- the page ------------------------------------------------------------------------------

    private void page(RoutingContext ctx) {
        Optional<ApproverSessions.Session> session = withSession(ctx);
        if (session.isEmpty()) {
            redirect(ctx, "/login");
            return;
        }
        String sent = ctx.request().getParam("sent");
        String notice = sent != null && sent.matches("[0-9a-f-]{36}") ? "Verdict " + sent + " sent; the gateway applies it." : null;
        ctx.response().putHeader("Content-Type", HTML).end(ReviewPage.page(session.get(), board(session.get()), notice, null));
    }

    private String board(ApproverSessions.Session session) {
        return ReviewPage.board(board.pending(), board.history(), session, review -> desk.hasAnswered(review, session.approver()),
                clock.millis());
    }

    private Optional<ApproverSessions.Session> withSession(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
        return sessions.find(cookie == null ? null : cookie.getValue());
    }

    /** A form post: needs a signed-in session and that session's CSRF token in the form, else 403. */
    private Handler<RoutingContext> formAction(BiConsumer<RoutingContext, ApproverSessions.Session> action) {
        return ctx -> {
            Optional<ApproverSessions.Session> session = withSession(ctx);
            if (session.isEmpty()) {
                ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8").end("Sign in first.\n");
            } else if (!session.get().acceptsCsrf(ctx.request().getFormAttribute("csrf"))) {
                ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("This form did not come from your review page (CSRF token missing or wrong); reload the page.\n");
            } else {
                action.accept(ctx, session.get());
            }
        };
    }

    private void verdictFromPage(RoutingContext ctx, ApproverSessions.Session session) {
        String choice = ctx.request().getFormAttribute("verdict");
        if (!"approve".equals(choice) && !"deny".equals(choice)) {
            pageWithError(ctx, session, 400, "Choose approve or deny.");
            return;
        }
        give(session.approver(), ctx.request().getFormAttribute("intentId"), "approve".equals(choice),
                ctx.request().getFormAttribute("comment"), "web").onComplete(result -> {
                    if (result.succeeded()) {
                        redirect(ctx, "/?sent=" + result.result().getVerdictId());
                    } else if (result.cause() instanceof VerdictRefused refused) {
                        pageWithError(ctx, session, refused.status(), refused.getMessage());
                    } else {
                        pageWithError(ctx, session, 500, "The verdict could not be given.");
                    }
                });
    }

    private void pageWithError(RoutingContext ctx, ApproverSessions.Session session, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", HTML).end(ReviewPage.page(session, board(session), null, message));
    }

    private Future<ReviewVerdict> give(Approver approver, String intentId, boolean approved, String comment, String channel) {
        if (intentId == null || intentId.isBlank()) {
            return Future.failedFuture(new VerdictRefused(400, "which review? (no id given)"));
        }
        return vertx.executeBlocking(() -> desk.give(approver, intentId, approved, comment, channel), false);
    }

    // --- the JSON API --------------------------------------------------------------------------

    /** Runs {@code action} for the approver whose HTTP Basic credentials came with the request; 401 for anything else. */
    private void basic(RoutingContext ctx, Consumer<Approver> action) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            // No WWW-Authenticate: Basic, so a browser never prompts for (and then replays) approver credentials.
            json(ctx, 401, error("approver credentials required (HTTP Basic with an approver's id and password; an agent's API key is not one)"));
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            json(ctx, 401, error("malformed HTTP Basic credentials"));
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            json(ctx, 401, error("malformed HTTP Basic credentials"));
            return;
        }
        authenticate(ctx, decoded.substring(0, colon), decoded.substring(colon + 1)).onComplete(result -> {
            if (ctx.response().ended()) {
                return;
            }
            if (result.succeeded() && result.result().isPresent()) {
                action.accept(result.result().get());
            } else {
                json(ctx, 401, error("wrong approver or password"));
            }
        });
    }

    private void verdictFromApi(RoutingContext ctx, Approver approver) {
        String answer = ctx.pathParam("answer");
        if (!"approve".equals(answer) && !"deny".equals(answer)) {
            json(ctx, 404, error("POST /api/reviews/ID/approve or /api/reviews/ID/deny"));
            return;
        }
        String comment;
        try {
            String body = ctx.body().asString();
            JsonObject request = body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
            Object given = request.getValue("comment");
            if (given != null && !(given instanceof String)) {
                json(ctx, 400, error("comment must be a string"));
                return;
            }
            comment = (String) given;
        } catch (DecodeException e) {
            json(ctx, 400, error("the body must be a JSON object such as {\"comment\": \"...\"}"));
            return;
        }
        give(approver, ctx.pathParam("id"), "approve".equals(answer), comment, "cli").onComplete(result -> {
            if (result.succeeded()) {
                json(ctx, 202, ReviewJson.verdict(result.result()));
            } else if (result.cause() instanceof VerdictRefused refused) {
                json(ctx, refused.status(), error(refused.getMessage()));
            } else {
                json(ctx, 500, error("the verdict could not be given"));
            }
        });
    }

    // --- plumbing ------------------------------------------------------------------------------

    private Cookie cookie(String name, String value, Duration maxAge) {
        return Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(secureCookies)
                .setMaxAge(maxAge.toSeconds());
    }

    private Cookie expired(String name) {
        return cookie(name, "", Duration.ZERO);
    }

    private static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader("Location", location).end();
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
    }

    private static JsonObject error(String message) {
        return new JsonObject().put("error", message);
    }

    private static String resource(String name) {
        try (InputStream in = ReviewServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
