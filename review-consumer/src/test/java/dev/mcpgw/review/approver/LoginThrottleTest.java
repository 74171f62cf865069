package dev.mcpgw.review.approver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-11-29T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(1), clock);

    @Test
    void shouldLetAKeyTryWhileItHasFewerFailuresThanTheLimit() {
        throttle.failed("address:10.0.0.1");
        throttle.failed("address:10.0.0.1");
        assertThat(throttle.waitFor("address:10.0.0.1")).isZero();
    }

    @Test
    void shouldMakeAKeyWaitUntilItsOldestFailureAgesOut() {
        throttle.failed("address:10.0.0.1");
        now = now.plusSeconds(10);
        throttle.failed("address:10.0.0.1");
        throttle.failed("address:10.0.0.1");
        assertThat(throttle.waitFor("address:10.0.0.1")).isEqualTo(Duration.ofSeconds(50));
        now = now.plusSeconds(50);
        assertThat(throttle.waitFor("address:10.0.0.1")).isZero();
    }

    @Test
    void shouldKeepKeysApart() {
        throttle.failed("approver:alice");
        throttle.failed("approver:alice");
        throttle.failed("approver:alice");
        assertThat(throttle.waitFor("approver:bob")).isZero();
    }

    @Test
    void shouldForgetFailuresAfterASuccess() {
        throttle.failed("approver:alice");
        throttle.failed("approver:alice");
        throttle.succeeded("approver:alice");
        throttle.failed("approver:alice");
        assertThat(throttle.waitFor("approver:alice")).isZero();
    }
}
