package dev.mcpgw.review.web;

import dev.mcpgw.review.approver.Approver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in approvers' sessions, held in memory: a random id (the cookie) maps to the approver
 * and the session's CSRF token, which every form and action must repeat. A session ends after
 * {@code lifetime}, at sign-out, or when the service restarts.
 */
public final class ApproverSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;

    public record Session(String id, Approver approver, String csrfToken, long expiresAt) {
        /** Whether {@code token} is this session's CSRF token, compared in constant time. */
        public boolean acceptsCsrf(String token) {
            return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), csrfToken.getBytes(StandardCharsets.UTF_8));
        }
    }

    public ApproverSessions(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Session open(Approver approver) {
        sessions.values().removeIf(session -> session.expiresAt() <= clock.millis());
        Session session = new Session(randomToken(), approver, randomToken(), clock.millis() + lifetime.toMillis());
        sessions.put(session.id(), session);
        return session;
    }

    public Optional<Session> find(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session == null || session.expiresAt() <= clock.millis()) {
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public void close(String id) {
        sessions.remove(id);
    }

    public Duration lifetime() {
        return lifetime;
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
