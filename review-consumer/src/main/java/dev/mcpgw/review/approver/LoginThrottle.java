package dev.mcpgw.review.approver;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins from one address, or for one
 * approver id, within {@code window}, further attempts are refused until the oldest failure ages
 * out. Keys are addresses and the ids of configured approvers only, so what it holds stays bounded
 * by who knocks, not by what they type.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new HashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long {@code key} must wait before trying again; zero when it may try now. */
    public synchronized Duration waitFor(String key) {
        Deque<Long> times = recent(key);
        if (times.size() < maxFailures) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.max(1, times.peekFirst() + window.toMillis() - clock.millis()));
    }

    public synchronized void failed(String key) {
        failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(clock.millis());
    }

    public synchronized void succeeded(String key) {
        failures.remove(key);
    }

    private Deque<Long> recent(String key) {
        Deque<Long> times = failures.getOrDefault(key, new ArrayDeque<>());
        long since = clock.millis() - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() <= since) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            failures.remove(key);
        }
        return times;
    }
}
