package dev.mcpgw.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Reading the edge's decision waits from its /metrics: a real scrape, and the median of the waits between two readings. */
class EdgeDecisionWaitsTest {
    /** The side-by-side driver's fixture: a scrape of a gateway's /metrics after 200 calls. */
    private static final Path SCRAPE = Path.of("src/test/side-by-side/gateway-metrics.txt");

    /** A scrape whose histogram has the bounds 1, 5 and 10 ms and +Inf, with these cumulative counts. */
    private static String scrape(double... cumulative) {
        List<String> bounds = List.of("0.001", "0.005", "0.01", "+Inf");
        return "# TYPE mcpgw_decision_wait_seconds histogram\n" + IntStream.range(0, bounds.size())
                .mapToObj(i -> "mcpgw_decision_wait_seconds_bucket{le=\"" + bounds.get(i) + "\"} " + cumulative[i])
                .collect(Collectors.joining("\n")) + "\nmcpgw_decision_wait_seconds_count " + cumulative[bounds.size() - 1] + "\n";
    }

    @Test
    void aRealScrapeGivesEveryBucketOfTheDecisionWaitAndNoOtherSeries() throws IOException {
        var reading = EdgeDecisionWaits.parse(Files.readString(SCRAPE));
        assertThat(reading.buckets()).hasSize(83);
        assertThat(reading.buckets().firstKey()).isEqualTo(0.001);
        assertThat(reading.buckets().lastEntry().getKey()).isInfinite();
        assertThat(reading.buckets().lastEntry().getValue()).isEqualTo(200.0);
    }

    @Test
    void theMedianCountsOnlyTheWaitsBetweenTheTwoReadingsInterpolatedWithinItsBucket() {
        var before = EdgeDecisionWaits.parse(scrape(5, 5, 5, 5));
        // Since: 4 waits of 1-5 ms and 4 of 5-10 ms; the median is the 4th of 8, at the top of (1, 5] ms.
        var after = EdgeDecisionWaits.parse(scrape(5, 9, 13, 13));
        assertThat(EdgeDecisionWaits.medianMs(before, after)).hasValueCloseTo(5.0, within(1e-9));
        // Since: 4 waits of 5-10 ms; the median, the 2nd of 4, is halfway up (5, 10] ms.
        var halfway = EdgeDecisionWaits.parse(scrape(5, 5, 9, 9));
        assertThat(EdgeDecisionWaits.medianMs(before, halfway)).hasValueCloseTo(7.5, within(1e-9));
    }

    @Test
    void noWaitsOrReadingsThatCannotBeComparedGiveNoMedian() {
        var reading = EdgeDecisionWaits.parse(scrape(5, 9, 13, 13));
        assertThat(EdgeDecisionWaits.medianMs(reading, reading)).isEmpty();
        var restarted = EdgeDecisionWaits.parse(scrape(0, 1, 2, 2));
        assertThat(EdgeDecisionWaits.medianMs(reading, restarted)).isEmpty();
        var otherBounds = EdgeDecisionWaits.parse("mcpgw_decision_wait_seconds_bucket{le=\"0.002\"} 20\nmcpgw_decision_wait_seconds_bucket{le=\"+Inf\"} 20\n");
        assertThat(EdgeDecisionWaits.medianMs(reading, otherBounds)).isEmpty();
        assertThat(EdgeDecisionWaits.medianMs(reading, EdgeDecisionWaits.parse("# no histogram here\n"))).isEmpty();
    }
}
