package dev.mcpgw.policy.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeWindowTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private static TimeWindow window(Set<DayOfWeek> days, String start, String end) {
        boolean untilMidnight = end.equals("24:00");
        return new TimeWindow(PARIS, days, LocalTime.parse(start), untilMidnight ? LocalTime.MIDNIGHT : LocalTime.parse(end), untilMidnight);
    }

    @ParameterizedTest(name = "{0} inside: {1}")
    @CsvSource(textBlock = """
            2026-11-23T08:00:00Z, true
            2026-11-23T07:59:59Z, false
            2026-11-23T15:59:59Z, true
            2026-11-23T16:00:00Z, false
            2026-11-21T10:00:00Z, false
            """)
    void shouldIncludeTheStartAndExcludeTheEndOnListedDaysInTheZone(String instant, boolean inside) {
        // 09:00-17:00 Paris is 08:00-16:00 UTC in November (CET); 2026-11-21 is a Saturday.
        assertThat(window(WEEKDAYS, "09:00", "17:00").violation(Instant.parse(instant)).isEmpty()).isEqualTo(inside);
    }

    @ParameterizedTest(name = "{0} inside: {1}")
    @CsvSource(textBlock = """
            2026-11-20T21:30:00Z, true
            2026-11-21T04:59:00Z, true
            2026-11-21T05:00:00Z, false
            2026-11-21T21:30:00Z, false
            2026-11-23T04:00:00Z, false
            """)
    void shouldRunAnOvernightWindowIntoTheNextMorning(String instant, boolean inside) {
        // 22:00-06:00 Paris starting Friday: Friday night into Saturday morning, not Saturday night.
        assertThat(window(EnumSet.of(DayOfWeek.FRIDAY), "22:00", "06:00").violation(Instant.parse(instant)).isEmpty()).isEqualTo(inside);
    }

    @ParameterizedTest(name = "{0} inside: {1}")
    @CsvSource(textBlock = """
            2026-03-29T00:59:59Z, false
            2026-03-29T01:00:00Z, true
            2026-03-29T01:59:59Z, true
            2026-03-29T02:00:00Z, false
            """)
    void shouldFollowTheZoneAcrossTheSpringDaylightSavingChange(String instant, boolean inside) {
        // On 2026-03-29 Paris skips 02:00-03:00: 03:00-04:00 local is 01:00-02:00 UTC (CEST, +2).
        assertThat(window(Set.of(), "03:00", "04:00").violation(Instant.parse(instant)).isEmpty()).isEqualTo(inside);
    }

    @Test
    void shouldCloseTheDayAtMidnightWhenTheEndIs2400() {
        TimeWindow evening = window(Set.of(), "18:00", "24:00");

        assertThat(evening.violation(Instant.parse("2026-11-23T22:59:59Z"))).isEmpty();
        assertThat(evening.violation(Instant.parse("2026-11-23T23:00:00Z"))).isPresent();
    }

    @Test
    void shouldSayWhereTheEventTimeFellWhenOutside() {
        assertThat(window(WEEKDAYS, "09:00", "17:00").violation(Instant.parse("2026-11-21T10:00:00Z")))
                .hasValue("event time Sat 2026-11-21 11:00 CET is outside Mon,Tue,Wed,Thu,Fri 09:00-17:00 Europe/Paris");
    }

    @Test
    void shouldRefuseAnEmptyWindow() {
        assertThatThrownBy(() -> window(Set.of(), "09:00", "09:00")).hasMessageContaining("are empty");
    }
}
