package dev.mcpgw.edge.task;

import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the tasks of edge instances gone for good (their leases lapsed, see
 * {@link TaskLeases}), when this instance is the one to: checked every {@link TaskLeases#RENEWAL}.
 * <ul>
 * <li>A task still waiting for its review: this instance reads the gone instance's partition of
 * gateway.decide, from a little before the task was made, and settles the task by the final
 * decision it finds there, verified as the owner would have verified it (a forged or altered
 * record is passed over): on ALLOW it claims the task and forwards the call once its claim is the
 * one gateway.tasks took first, so the call runs once, whoever else (the owner coming back late)
 * claims it too.</li>
 * <li>A task whose call was claimed by an instance now gone, with no result: the call may have
 * run, so it is never run again: it completes as of unknown outcome (SEP-2848's {@code outcome-unknown}).</li>
 * </ul>
 * Stops reading a partition when its instance is back or none of its tasks waits. Event loop only.
 */
public final class TaskTakeover implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskTakeover.class);
    /** How far an instance's clock (a task's creation time) may be ahead of the broker's (a decision's time). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /** Reads the verified decisions of one partition of gateway.decide. */
    @FunctionalInterface
    public interface DecisionReader {
        /** Blocking: starts handing {@code decided} (on the edge's context) the verified decisions of {@code partition} from broker time {@code from}. */
        AutoCloseable follow(int partition, long from, Consumer<Decision> decided);
    }

    private final TaskStore store;
    private final ReviewTasks tasks;
    private final int self;
    private final DecisionReader reader;
    private final Vertx vertx;
    private final Clock clock;
    /** Closed from the thread that stops the edge, hence concurrent. */
    private final Map<Integer, Future<AutoCloseable>> following = new ConcurrentHashMap<>();
    /** The waiting tasks taken over, by intent id. */
    private final Map<String, String> awaited = new HashMap<>();

    public TaskTakeover(TaskStore store, ReviewTasks tasks, int self, DecisionReader reader, Vertx vertx, Clock clock) {
        this.store = store;
        this.tasks = tasks;
        this.self = self;
        this.reader = reader;
        this.vertx = vertx;
        this.clock = clock;
    }

    public void sweep() {
        long now = clock.millis();
        // A partition whose reader could not be started (the broker away) is tried again.
        following.values().removeIf(Future::failed);
        Map<Integer, Long> orphaned = new HashMap<>();
        awaited.clear();
        for (TaskRecord task : store.unfinished()) {
            if (task.isExpired(now)) {
                continue;
            }
            if (task.status() == TaskStatus.FORWARDING && store.leases().takesOver(task.claimant(), self)) {
                LOG.warn("task {}: the instance of decide partition {} claimed its call and is gone; it ends as of unknown outcome",
                        task.taskId(), task.claimant());
                tasks.endClaimedByGone(task);
            } else if (task.status() == TaskStatus.WORKING && store.leases().takesOver(task.ownerPartition(), self)) {
                awaited.put(task.intentId(), task.taskId());
                orphaned.merge(task.ownerPartition(), task.createdAt(), Math::min);
            }
        }
        orphaned.forEach((partition, since) -> following.computeIfAbsent(partition, p -> {
            LOG.warn("the instance of decide partition {} is gone: taking over its waiting tasks", p);
            return vertx.executeBlocking(() -> reader.follow(p, since - CLOCK_SKEW.toMillis(), this::decided), false);
        }));
        following.entrySet().removeIf(entry -> {
            boolean done = !orphaned.containsKey(entry.getKey());
            if (done) {
                entry.getValue().onSuccess(this::closeLater);
            }
            return done;
        });
    }

    private void decided(Decision decision) {
        String taskId = decision.getEffect() == Effect.REVIEW ? null : awaited.remove(decision.getIntentId());
        TaskRecord task = taskId == null ? null : store.current(taskId).orElse(null);
        if (task != null && task.status() == TaskStatus.WORKING) {
            tasks.settleTakenOver(task, decision);
        }
    }

    private void closeLater(AutoCloseable follower) {
        vertx.executeBlocking(() -> {
            follower.close();
            return null;
        }, false);
    }

    /** Blocking: stops reading every partition. */
    @Override
    public void close() throws Exception {
        for (Future<AutoCloseable> follower : following.values()) {
            if (follower.succeeded()) {
                follower.result().close();
            }
        }
    }
}
