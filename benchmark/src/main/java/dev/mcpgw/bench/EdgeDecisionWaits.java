package dev.mcpgw.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edge's own wait for its decisions (from proposing a call to receiving its committed
 * decision), read from the buckets of its {@code mcpgw_decision_wait_seconds} histogram on
 * {@code /metrics} before and after a run: the median of the waits in between, interpolated
 * within its bucket as Prometheus' {@code histogram_quantile} does. Beside the decision path
 * alone it shows what the decision costs inside a whole call. Parsed here: Prometheus' Java
 * libraries write the text format but do not read it, and this is one histogram the edge writes.
 */
final class EdgeDecisionWaits {
    private static final Pattern BUCKET = Pattern.compile("^mcpgw_decision_wait_seconds_bucket\\{le=\"([^\"]+)\"\\}\\s+(\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EdgeDecisionWaits() {
    }

    /** Cumulative counts by upper bound in seconds, +Inf last; empty when the scrape has no such histogram. */
    record Reading(NavigableMap<Double, Double> buckets) {
    }

    /** The edge's /metrics at {@code metricsUrl}, read now. */
    static Reading read(String metricsUrl) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(5)).build();
        return parse(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    static Reading parse(String exposition) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            Matcher bucket = BUCKET.matcher(line);
            if (bucket.find()) {
                String bound = bucket.group(1);
                try {
                    buckets.put(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound), Double.parseDouble(bucket.group(2)));
                } catch (NumberFormatException notASample) {
                    // A line that only looks like a bucket carries no count.
                }
            }
        }
        return new Reading(buckets);
    }

    /**
     * The median in milliseconds of the waits observed between {@code before} and {@code after};
     * empty when there were none, or when the two readings cannot be compared (other bounds, or
     * counts that went back, as after a restart).
     */
    static OptionalDouble medianMs(Reading before, Reading after) {
        if (after.buckets().isEmpty() || !before.buckets().keySet().equals(after.buckets().keySet())) {
            return OptionalDouble.empty();
        }
        double total = after.buckets().lastEntry().getValue() - before.buckets().lastEntry().getValue();
        if (total <= 0) {
            return OptionalDouble.empty();
        }
        double rank = total / 2;
        double lowerBound = 0;
        double countBelow = 0;
        for (Map.Entry<Double, Double> bucket : after.buckets().entrySet()) {
            double count = bucket.getValue() - before.buckets().get(bucket.getKey());
            if (count < countBelow) {
                return OptionalDouble.empty();
            }
            if (count >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return OptionalDouble.of(lowerBound * 1000);
                }
                double within = (rank - countBelow) / (count - countBelow);
                return OptionalDouble.of((lowerBound + (bucket.getKey() - lowerBound) * within) * 1000);
            }
            lowerBound = bucket.getKey();
            countBelow = count;
        }
        return OptionalDouble.empty();
    }
}
