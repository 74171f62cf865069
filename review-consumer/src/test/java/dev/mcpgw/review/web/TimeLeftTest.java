package dev.mcpgw.review.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeLeftTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void shouldSayWhenARequestCarriesNoDeadline() {
        assertThat(TimeLeft.of(0, NOW)).isEqualTo("no deadline recorded");
    }

    @Test
    void shouldSayExpiredOnceTheDeadlinePassed() {
        assertThat(TimeLeft.of(NOW, NOW)).isEqualTo("expired");
        assertThat(TimeLeft.of(NOW - 1, NOW)).isEqualTo("expired");
    }

    @Test
    void shouldCountSecondsMinutesAndHours() {
        assertThat(TimeLeft.of(NOW + 42_000, NOW)).isEqualTo("42 s left");
        assertThat(TimeLeft.of(NOW + 754_000, NOW)).isEqualTo("12 min 34 s left");
        assertThat(TimeLeft.of(NOW + 7_380_000, NOW)).isEqualTo("2 h 3 min left");
    }
}
