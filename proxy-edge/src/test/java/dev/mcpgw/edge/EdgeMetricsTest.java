package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.OutcomeStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EdgeMetricsTest {
    private final EdgeMetrics metrics = new EdgeMetrics();

    @Test
    void decisionWaitsHaveHalfMillisecondBucketsWhereDecisionsFall() {
        metrics.decided(Effect.ALLOW, Duration.ofNanos(4_700_000));

        assertThat(metrics.scrape())
                .contains("mcpgw_decision_wait_seconds_bucket{le=\"0.0045\"} 0")
                .contains("mcpgw_decision_wait_seconds_bucket{le=\"0.005\"} 1")
                .contains("mcpgw_decision_wait_seconds_bucket{le=\"0.0095\"} 1")
                .contains("mcpgw_decision_wait_seconds_bucket{le=\"0.02\"} 1");
    }

    @Test
    void decisionsAreCountedByEffectEachFromZero() {
        metrics.decided(Effect.DENY, Duration.ofMillis(3));
        metrics.decided(Effect.DENY, Duration.ofMillis(3));

        assertThat(metrics.scrape())
                .contains("mcpgw_decisions_total{effect=\"DENY\"} 2.0")
                .contains("mcpgw_decisions_total{effect=\"ALLOW\"} 0.0")
                .contains("mcpgw_decisions_total{effect=\"REVIEW\"} 0.0");
    }

    @Test
    void outcomesAreCountedByStatusEachFromZero() {
        metrics.outcome(OutcomeStatus.FAILED);

        assertThat(metrics.scrape())
                .contains("mcpgw_outcomes_total{status=\"FAILED\"} 1.0")
                .contains("mcpgw_outcomes_total{status=\"EXECUTED\"} 0.0");
    }
}
