package dev.mcpgw.edge.task;

import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.PollLoop;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Every task, as gateway.tasks holds it, in this instance's memory: read to the topic's end at
 * start (blocking), then followed, so what any instance wrote reaches every other. The records of
 * a task are folded in log order and a record that would move a task backwards (see
 * {@link TaskStatus#mayBecome}) is passed over: the log, not an instance, decides which of two
 * racing writes (a claim and a cancel) won. A record that is not sealed by this gateway is passed
 * over (and reported as a dead letter). A task past its TTL is forgotten here and answered as unknown; the topic deletes it after
 * a day. Writes complete once this instance has read them back, so that a task handed to a
 * client can be looked up at once. The instances' sealed leases share the topic (see
 * {@link TaskLeases}). Lookups and writes on the edge's context.
 */
public final class TaskStore implements AutoCloseable {
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    private final Map<Long, List<Promise<Void>>> readBack = new TreeMap<>();
    private final Map<String, List<Consumer<TaskRecord>>> watchers = new ConcurrentHashMap<>();
    private final List<Consumer<TaskRecord>> statusChanges = new CopyOnWriteArrayList<>();
    private final TaskSeal seal;
    private final TaskLeases leases = new TaskLeases(TaskLeases.LAPSE, System::nanoTime);
    private final Context context;
    private final KafkaProducer<String, String> producer;
    private final PollLoop<String, String> follower;
    private final Duration readBackTimeout;
    private long applied = -1;

    /** Blocks until the topic is read to its end. */
    public TaskStore(String bootstrapServers, TaskSeal seal, Context context, Duration deliveryTimeout, DeadLetterReporter deadLetters) {
        this.seal = seal;
        this.context = context;
        this.readBackTimeout = deliveryTimeout.multipliedBy(2);
        long next = load(bootstrapServers);
        applied = next - 1;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis()),
                Topics.TASKS.keySerde().serializer(), Topics.TASKS.valueSerde().serializer());
        producer.partitionsFor(Topics.TASKS.name());
        this.follower = new PollLoop<>("tasks", follower(bootstrapServers, next), record -> {
            Optional<TaskRecord> task = seal.open(record.value());
            Optional<TaskLease> lease = task.isPresent() ? Optional.empty() : seal.openLease(record.value());
            if (task.isEmpty() && lease.isEmpty()) {
                deadLetters.report("edge", record.topic(), record.partition(), record.offset(),
                        record.value().getBytes(StandardCharsets.UTF_8), "task record not sealed by this gateway");
            }
            context.runOnContext(v -> {
                task.ifPresent(this::fold);
                lease.ifPresent(leases::renewed);
                read(record.offset());
            });
        }, deadLetters).start();
    }

    private long load(String bootstrapServers) {
        long[] next = {0};
        TopicConsumers.readToEnd(bootstrapServers, Topics.TASKS.name(), Topics.TASKS, LOAD_TIMEOUT, record -> {
            if (record.value() != null) {
                seal.open(record.value()).ifPresentOrElse(this::fold, () -> seal.openLease(record.value()).ifPresent(leases::renewed));
            }
            next[0] = record.offset() + 1;
            return true;
        });
        return next[0];
    }

    private static KafkaConsumer<String, String> follower(String bootstrapServers, long from) {
        return TopicConsumers.followingFrom(bootstrapServers, Topics.TASKS, from);
    }

    private void fold(TaskRecord next) {
        TaskRecord known = tasks.get(next.taskId());
        if (supersedes(known, next)) {
            tasks.put(next.taskId(), next);
            if (known != null && !known.status().wireName().equals(next.status().wireName())) {
                statusChanges.forEach(listener -> listener.accept(next));
            }
            List<Consumer<TaskRecord>> waiting = watchers.remove(next.taskId());
            if (waiting != null) {
                waiting.forEach(w -> w.accept(next));
            }
        }
    }

    /**
     * Whether {@code next}, read after {@code known} (null: none), is how the task stands now: after
     * compaction a task's first record read may be its last one, so any status starts a task; later
     * ones must be of the same agent and call and move it forward, so a late claim or result of an
     * instance that lost the race changes nothing.
     */
    static boolean supersedes(TaskRecord known, TaskRecord next) {
        return known == null || known.agentId().equals(next.agentId()) && known.intentId().equals(next.intentId())
                && known.status().mayBecome(next.status());
    }

    private void read(long offset) {
        applied = offset;
        var done = readBack.entrySet().iterator();
        while (done.hasNext()) {
            var entry = done.next();
            if (entry.getKey() > offset) {
                break;
            }
            entry.getValue().forEach(Promise::tryComplete);
            done.remove();
        }
    }

    /**
     * Writes {@code record}; completes once this instance has read it back (then {@link #get} shows
     * whether it took effect), fails when the broker did not take it or it was not read back in time.
     */
    public Future<Void> write(TaskRecord record) {
        return send(record.taskId(), seal.seal(record));
    }

    /** Renews this instance's lease; completes, as a write, once read back. */
    public Future<Void> renew(TaskLease lease) {
        return send(lease.key(), seal.seal(lease));
    }

    private Future<Void> send(String key, String value) {
        Promise<Void> written = Promise.promise();
        long timer = context.owner().setTimer(readBackTimeout.toMillis(), t -> written.tryFail(new IllegalStateException(
                key + " was not read back from " + Topics.TASKS.name() + " within " + readBackTimeout.toMillis() + " ms")));
        written.future().onComplete(r -> context.owner().cancelTimer(timer));
        try {
            producer.send(new ProducerRecord<>(Topics.TASKS.name(), key, value), (metadata, error) -> context.runOnContext(v -> {
                if (error != null) {
                    written.tryFail(error);
                } else if (metadata.offset() <= applied) {
                    written.tryComplete();
                } else {
                    readBack.computeIfAbsent(metadata.offset(), o -> new ArrayList<>()).add(written);
                }
            }));
        } catch (RuntimeException e) {
            written.tryFail(e);
        }
        return written.future();
    }

    /**
     * Claims the waiting task to forward its call: true only when this instance's claim is the one
     * the log took, so a call is forwarded at most once whoever else claims or cancels it meanwhile.
     */
    public Future<Boolean> claim(TaskRecord waiting, String claim, int partition, long now) {
        return write(waiting.claimed(claim, partition, "Approved: the call is running at its server", now))
                .map(v -> {
                    TaskRecord standing = tasks.get(waiting.taskId());
                    return standing != null && standing.status() == TaskStatus.FORWARDING && claim.equals(standing.claim());
                });
    }

    /** The task {@code taskId} of {@code agentId}: empty for an unknown task, an expired one and another agent's alike. */
    public Optional<TaskRecord> get(String taskId, String agentId, long now) {
        return Optional.ofNullable(tasks.get(taskId)).filter(t -> t.agentId().equals(agentId) && !t.isExpired(now));
    }

    /** The task as it stands, whoever's it is (for the instance that runs it). */
    public Optional<TaskRecord> current(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    /** The agent's live tasks, oldest first (ties by id). */
    public List<TaskRecord> of(String agentId, long now) {
        return tasks.values().stream().filter(t -> t.agentId().equals(agentId) && !t.isExpired(now))
                .sorted(Comparator.comparingLong(TaskRecord::createdAt).thenComparing(TaskRecord::taskId)).toList();
    }

    /** Tasks whose final decision goes to {@code partition} that have not ended. */
    public List<TaskRecord> unfinishedOf(int partition) {
        return unfinished().stream().filter(t -> t.ownerPartition() == partition).toList();
    }

    /** Every task that has not ended. */
    public List<TaskRecord> unfinished() {
        return tasks.values().stream().filter(t -> !t.status().isTerminal()).toList();
    }

    /** Which instances are alive, as their leases on the topic show. */
    public TaskLeases leases() {
        return leases;
    }

    /** Calls {@code listener} at every move of any task that changes its status as clients see it. */
    public void onStatusChange(Consumer<TaskRecord> listener) {
        statusChanges.add(listener);
    }

    /** Calls {@code watcher} once, at the task's next move. */
    public void watch(String taskId, Consumer<TaskRecord> watcher) {
        watchers.computeIfAbsent(taskId, id -> new ArrayList<>()).add(watcher);
    }

    /** Forgets tasks past their TTL (their records go with the topic's retention). */
    public void forgetExpired(long now) {
        tasks.values().removeIf(t -> t.isExpired(now));
        watchers.keySet().removeIf(id -> !tasks.containsKey(id));
    }

    public int size() {
        return tasks.size();
    }

    public boolean isFollowing() {
        return follower.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        follower.close();
        producer.close(Duration.ofSeconds(5));
    }
}
