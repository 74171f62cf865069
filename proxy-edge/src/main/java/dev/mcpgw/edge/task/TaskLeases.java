package dev.mcpgw.edge.task;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Which edge instances are alive, as the leases they renew on gateway.tasks show. Each instance
 * renews its lease every {@link #RENEWAL}; one whose lease this instance has not seen renewed for
 * {@link #LAPSE} (by this instance's own monotonic clock, so no two clocks are compared) is taken
 * for gone, and its tasks are taken over (see {@link TaskTakeover}). An instance this one has never
 * seen counts from when this one started watching, so a fresh instance takes nobody for gone
 * before a full lapse. A lease no later, by its writer's clock, than one already seen for its
 * partition renews nothing: a replayed record, or an instance of an earlier run renewing late,
 * cannot keep a gone instance alive. Taking an alive instance for gone costs no safety (a call runs
 * only after the claim gateway.tasks took first), at worst a result (see TaskTakeover). Event loop only.
 */
public final class TaskLeases {
    public static final Duration RENEWAL = Duration.ofSeconds(3);
    public static final Duration LAPSE = Duration.ofSeconds(15);

    private final Duration lapse;
    private final LongSupplier nanos;
    private final long since;
    private final Map<Integer, Long> renewedAt = new HashMap<>();
    private final Map<Integer, Long> seenAt = new HashMap<>();

    public TaskLeases(Duration lapse, LongSupplier nanos) {
        this.lapse = lapse;
        this.nanos = nanos;
        this.since = nanos.getAsLong();
    }

    public void renewed(TaskLease lease) {
        Long last = renewedAt.get(lease.partition());
        if (last != null && lease.renewedAt() <= last) {
            return;
        }
        renewedAt.put(lease.partition(), lease.renewedAt());
        seenAt.put(lease.partition(), nanos.getAsLong());
    }

    public boolean isAlive(int partition) {
        return nanos.getAsLong() - seenAt.getOrDefault(partition, since) < lapse.toNanos();
    }

    /**
     * Whether the instance reading partition {@code self} is the one to take over the tasks of
     * {@code partition}: that one is gone, and of the others alive {@code self} is the lowest. Two
     * instances that both think so (their views differ for a moment) are still safe: the log decides.
     */
    public boolean takesOver(int partition, int self) {
        return partition != self && !isAlive(partition)
                && seenAt.keySet().stream().noneMatch(other -> other != partition && other < self && isAlive(other));
    }
}
