package dev.mcpgw.edge.discovery;

import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.PollLoop;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.PolicyDocument;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy in force, as gateway.policy holds it, for what the edge shows agents: read to its end
 * at start (blocking), then followed. As the decision stream does, a record that does not load
 * leaves the policy in force standing, so a broken publish never widens what agents see; before
 * any policy has loaded there is none, and discovery shows nothing (the stream denies everything then).
 * Loaded as a single-partition stream would: a rate limit's scope does not change what is listed.
 */
public final class ActivePolicy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActivePolicy.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

    private final PolicyLoader loader = new PolicyLoader(true);
    private final PollLoop<String, PolicyDocument> follower;
    private volatile Policy current;
    private volatile BiConsumer<Optional<Policy>, Policy> changed = (before, after) -> { };

    /** Blocks until the topic is read to its end. */
    public ActivePolicy(String bootstrapServers, Context context, DeadLetterReporter deadLetters) {
        long[] next = {0};
        TopicConsumers.readToEnd(bootstrapServers, Topics.POLICY.name(), Topics.POLICY, LOAD_TIMEOUT, record -> {
            loaded(record).ifPresent(policy -> current = policy);
            next[0] = record.offset() + 1;
            return true;
        });
        this.follower = new PollLoop<>("active-policy", follower(bootstrapServers, next[0]),
                record -> loaded(record).ifPresent(policy -> context.runOnContext(v -> replace(policy))), deadLetters).start();
    }

    private Optional<Policy> loaded(ConsumerRecord<String, PolicyDocument> record) {
        if (record.value() == null || !Topics.ACTIVE_POLICY_KEY.equals(record.key())) {
            return Optional.empty();
        }
        try {
            return Optional.of(loader.load(record.value().getSource()));
        } catch (PolicyException | RuntimeException e) {
            // A loader fault on a record nobody vetted must cost that record, never the edge's start.
            LOG.warn("policy {} does not load; discovery keeps the policy in force", record.value().getVersion(), e);
            return Optional.empty();
        }
    }

    private void replace(Policy policy) {
        Optional<Policy> before = current();
        current = policy;
        if (before.isEmpty() || !before.get().version().equals(policy.version())) {
            changed.accept(before, policy);
        }
    }

    private static KafkaConsumer<String, PolicyDocument> follower(String bootstrapServers, long from) {
        return TopicConsumers.followingFrom(bootstrapServers, Topics.POLICY, from);
    }

    /** The policy in force; empty until one has loaded. */
    public Optional<Policy> current() {
        return Optional.ofNullable(current);
    }

    /** Called on the edge's context with the policy before (if any) and the one now in force, when another version comes into force. */
    public void onChange(BiConsumer<Optional<Policy>, Policy> listener) {
        changed = listener;
    }

    public boolean isFollowing() {
        return follower.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        follower.close();
    }
}
