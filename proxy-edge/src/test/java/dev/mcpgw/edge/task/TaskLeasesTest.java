package dev.mcpgw.edge.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which edge instances are taken for gone, and which instance takes over their tasks, from the leases read on gateway.tasks. */
class TaskLeasesTest {
    private static final Duration LAPSE = Duration.ofSeconds(15);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TaskLeases leases = new TaskLeases(LAPSE, nanos::get);

    @Test
    void shouldHoldAnInstanceAliveWhileItRenewsItsLease() {
        // given
        leases.renewed(new TaskLease(0, "edge-a", 1000));
        // when
        pass(Duration.ofSeconds(10));
        leases.renewed(new TaskLease(0, "edge-a", 4000));
        pass(Duration.ofSeconds(10));
        // then
        assertThat(leases.isAlive(0)).isTrue();
    }

    @Test
    void shouldTakeAnInstanceForGoneOnceItsLeaseLapses() {
        leases.renewed(new TaskLease(0, "edge-a", 1000));

        pass(LAPSE);

        assertThat(leases.isAlive(0)).isFalse();
        assertThat(leases.takesOver(0, 1)).isTrue();
    }

    @Test
    void shouldGiveAnInstanceNeverSeenAFullLapseFromWhenThisOneBeganWatching() {
        pass(LAPSE.minusSeconds(1));
        boolean aliveBefore = leases.isAlive(3);

        pass(Duration.ofSeconds(1));

        assertThat(aliveBefore).isTrue();
        assertThat(leases.isAlive(3)).isFalse();
    }

    @Test
    void shouldNotLetAReplayedLeaseKeepAGoneInstanceAlive() {
        TaskLease last = new TaskLease(0, "edge-a", 1000);
        leases.renewed(last);
        pass(LAPSE);

        leases.renewed(last);
        leases.renewed(new TaskLease(0, "edge-a", 999));

        assertThat(leases.isAlive(0)).isFalse();
    }

    @Test
    void shouldNotLetAnInstanceOfAnEarlierRunRenewingLateKeepThePartitionAlive() {
        leases.renewed(new TaskLease(0, "edge-old", 1000));
        leases.renewed(new TaskLease(0, "edge-new", 5000));
        pass(LAPSE);

        leases.renewed(new TaskLease(0, "edge-old", 4000));

        assertThat(leases.isAlive(0)).isFalse();
    }

    @Test
    void shouldCountAnInstanceBackOnceItRenewsAfterItsLapse() {
        leases.renewed(new TaskLease(0, "edge-a", 1000));
        pass(LAPSE);

        leases.renewed(new TaskLease(0, "edge-b", 20_000));

        assertThat(leases.isAlive(0)).isTrue();
        assertThat(leases.takesOver(0, 1)).isFalse();
    }

    @Test
    void shouldLeaveTheTakeoverToTheLowestInstanceStillAlive() {
        leases.renewed(new TaskLease(0, "edge-a", 1000));
        pass(LAPSE);
        leases.renewed(new TaskLease(1, "edge-b", 20_000));
        leases.renewed(new TaskLease(2, "edge-c", 20_000));

        assertThat(leases.takesOver(0, 1)).isTrue();
        assertThat(leases.takesOver(0, 2)).isFalse();
    }

    @Test
    void shouldPassTheTakeoverOnWhenTheInstanceThatWouldTakeItIsGoneToo() {
        leases.renewed(new TaskLease(0, "edge-a", 1000));
        leases.renewed(new TaskLease(1, "edge-b", 1000));
        pass(LAPSE);
        leases.renewed(new TaskLease(2, "edge-c", 20_000));

        assertThat(leases.takesOver(0, 2)).isTrue();
    }

    @Test
    void shouldNeverTakeOverItsOwnPartition() {
        pass(LAPSE);

        assertThat(leases.takesOver(2, 2)).isFalse();
    }

    private void pass(Duration time) {
        nanos.addAndGet(time.toNanos());
    }
}
