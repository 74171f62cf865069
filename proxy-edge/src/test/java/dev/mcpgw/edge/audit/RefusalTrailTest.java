package dev.mcpgw.edge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.schemas.Refusal;
import dev.mcpgw.schemas.RefusalKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refusal trail: the first of a kind at once, the rest of a window as one counted record, a bounded number per window. */
class RefusalTrailTest {
    private final List<Refusal> written = new ArrayList<>();
    private final RefusalTrail trail = new RefusalTrail("edge-1", Clock.fixed(Instant.ofEpochMilli(1000), ZoneOffset.UTC), written::add);

    @Test
    void theFirstRefusalOfAKindIsRecordedAtOnce() {
        trail.refused(RefusalKind.AUTHENTICATION, "10.0.0.1", "unknown_key", null);

        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.getCount()).isEqualTo(1);
            assertThat(r.getSource()).isEqualTo("10.0.0.1");
            assertThat(r.getReason()).isEqualTo("unknown_key");
            assertThat(r.getEdge()).isEqualTo("edge-1");
        });
    }

    @Test
    void aFloodFromOneSourceIsOneMoreRecordWithItsCountWhenTheWindowCloses() {
        for (int i = 0; i < 10_000; i++) {
            trail.refused(RefusalKind.AUTHENTICATION, "10.0.0.1", "unknown_key", null);
        }
        assertThat(written).hasSize(1);

        trail.closeWindow();

        assertThat(written).extracting(Refusal::getCount).containsExactly(1L, 9_999L);
    }

    @Test
    void kindsSourcesAndReasonsAreCountedApart() {
        trail.refused(RefusalKind.AUTHENTICATION, "10.0.0.1", "unknown_key", null);
        trail.refused(RefusalKind.AUTHENTICATION, "10.0.0.2", "unknown_key", null);
        trail.refused(RefusalKind.AUTHENTICATION, "10.0.0.1", "expired", null);
        trail.refused(RefusalKind.MALFORMED_REQUEST, "10.0.0.1", "http-400", "alice");

        assertThat(written).hasSize(4).extracting(Refusal::getCount).containsOnly(1L);
    }

    @Test
    void sourcesPastTheBoundAreCountedTogetherSoAWindowWritesABoundedNumberOfRecords() {
        for (int i = 0; i < RefusalTrail.MAX_KINDS + 5000; i++) {
            trail.refused(RefusalKind.AUTHENTICATION, "10.0." + (i / 256) + "." + (i % 256), "unknown_key", null);
            trail.refused(RefusalKind.AUTHENTICATION, "10.0." + (i / 256) + "." + (i % 256), "unknown_key", null);
        }
        trail.closeWindow();

        assertThat(written).hasSizeLessThanOrEqualTo(2 * RefusalTrail.MAX_KINDS + 1);
        assertThat(written.stream().mapToLong(Refusal::getCount).sum()).isEqualTo(2L * (RefusalTrail.MAX_KINDS + 5000));
        assertThat(written.get(written.size() - 1).getSource()).isEqualTo(RefusalTrail.OTHER_SOURCES);
    }

    @Test
    void aNewWindowRecordsTheFirstRefusalAtOnceAgain() {
        trail.refused(RefusalKind.AUTHENTICATION, "10.0.0.1", "unknown_key", null);
        trail.closeWindow();
        trail.refused(RefusalKind.AUTHENTICATION, "10.0.0.1", "unknown_key", null);

        assertThat(written).extracting(Refusal::getCount).containsExactly(1L, 1L);
    }
}
