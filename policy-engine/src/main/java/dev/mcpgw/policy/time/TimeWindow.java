package dev.mcpgw.policy.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Days of the week and hours of the day in a named time zone, judged on the intent's event time
 * (never the wall clock, so replay agrees). Hours run from start, inclusive, to end, exclusive; an
 * end before the start runs past midnight into the next day, and an end of 24:00 closes the day.
 * Local times come from the zone's rules, so a DST change day has the hours it really has.
 */
public record TimeWindow(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end, boolean untilMidnight) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz", Locale.ROOT);

    public TimeWindow {
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        if (!untilMidnight && start.equals(end)) {
            throw new IllegalArgumentException("the hours " + start + "-" + end + " are empty");
        }
    }

    public Optional<String> violation(Instant eventTime) {
        ZonedDateTime local = eventTime.atZone(zone);
        return contains(local) ? Optional.empty()
                : Optional.of("event time " + SHOWN.format(local) + " is outside " + this);
    }

    private boolean contains(ZonedDateTime local) {
        DayOfWeek day = local.getDayOfWeek();
        LocalTime time = local.toLocalTime();
        if (untilMidnight) {
            return days.contains(day) && !time.isBefore(start);
        }
        if (start.isBefore(end)) {
            return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
        }
        return (days.contains(day) && !time.isBefore(start)) || (days.contains(day.minus(1)) && time.isBefore(end));
    }

    @Override
    public String toString() {
        String dayList = days.size() == 7 ? "every day"
                : days.stream().map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT)).collect(Collectors.joining(","));
        return dayList + " " + start + "-" + (untilMidnight ? "24:00" : end) + " " + zone;
    }
}
