package dev.mcpgw.review;

import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.review.approver.LoginThrottle;
import dev.mcpgw.review.web.ApproverSessions;
import dev.mcpgw.review.web.ReviewServer;
import dev.mcpgw.schemas.VerdictAuthenticator;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;

/** Human review as one service: the board of reviews, the desk that sends verdicts, and the approvers' web page and API. */
public final class ReviewService implements AutoCloseable {
    /** Failed sign-ins an address or approver may have in {@link #LOGIN_WINDOW} before it must wait. */
    private static final int LOGIN_FAILURES = 5;
    private static final Duration LOGIN_WINDOW = Duration.ofMinutes(1);
    private static final Duration SESSION_LIFETIME = Duration.ofHours(8);

    private final ReviewBoard board;
    private final VerdictDesk desk;
    private final Vertx vertx;
    private final ReviewServer server;
    private final String host;

    private ReviewService(ReviewSettings settings, DeadLetterReporter deadLetters) {
        Clock clock = Clock.systemUTC();
        this.host = settings.host();
        this.board = new ReviewBoard(settings.bootstrapServers(), deadLetters);
        this.desk = new VerdictDesk(settings.bootstrapServers(), board, new VerdictAuthenticator(settings.verdictKey()), clock);
        this.vertx = Vertx.vertx();
        this.server = new ReviewServer(vertx, board, desk, settings.approvers(), new ApproverSessions(SESSION_LIFETIME, clock),
                new LoginThrottle(LOGIN_FAILURES, LOGIN_WINDOW, clock), settings.secureCookies(), clock);
    }

    /** Reads the review topics and serves the page; closes what it opened if it cannot listen. */
    public static ReviewService start(ReviewSettings settings, DeadLetterReporter deadLetters) {
        ReviewService service = new ReviewService(settings, deadLetters);
        try {
            service.board.start();
            service.server.listen(settings.host(), settings.port()).await();
            return service;
        } catch (Exception e) {
            // Vert.x's await() rethrows a failure to listen as it is: a BindException is a checked one.
            service.close();
            throw e;
        }
    }

    public String url() {
        return "http://" + host + ":" + server.port();
    }

    public ReviewBoard board() {
        return board;
    }

    public boolean isRunning() {
        return board.isRunning();
    }

    @Override
    public void close() {
        vertx.close().await();
        desk.close();
        try {
            board.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
