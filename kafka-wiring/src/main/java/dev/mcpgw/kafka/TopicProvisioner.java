package dev.mcpgw.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the gateway's topics when missing and checks the ones that exist: a receipt or policy
 * topic that is not compacted would lose records by time, so it is reported, not silently used.
 */
public final class TopicProvisioner {
    private static final Duration SERVED_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SERVED_RECHECK = Duration.ofMillis(10);
    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    public void ensure(Collection<Topic<?, ?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            Set<String> found = new HashSet<>(existing);
            found.addAll(createMissing(topics, existing));
            awaitServed(topics.stream().filter(t -> !existing.contains(t.name())).toList());
            List<String> problems = misconfigured(topics.stream().filter(t -> found.contains(t.name())).toList());
            if (!problems.isEmpty()) {
                throw new IllegalStateException("existing topics are misconfigured: " + String.join("; ", problems));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot provision topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Creates the topics not listed as existing; returns those that turned out to exist after all
     * (created a moment earlier by another service, or not yet in the listing), which must be checked too.
     */
    private Set<String> createMissing(Collection<Topic<?, ?>> topics, Set<String> existing) throws InterruptedException, ExecutionException {
        List<NewTopic> missing = topics.stream()
                .filter(t -> !existing.contains(t.name()))
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) -1).configs(t.config()))
                .toList();
        Set<String> foundExisting = new HashSet<>();
        for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
            try {
                created.getValue().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                foundExisting.add(created.getKey());
            }
        }
        return foundExisting;
    }

    /**
     * Waits until the broker serves each of {@code created} with a leader for every partition: a
     * created topic is in the controller's log a moment before the broker's metadata has it, and a
     * client asking in that moment finds no partitions at all. A bounded re-ask, as Kafka's own test
     * utilities wait for metadata: the main classpath has no retry library for one loop.
     */
    private void awaitServed(List<Topic<?, ?>> created) throws InterruptedException, ExecutionException {
        if (created.isEmpty()) {
            return;
        }
        Set<String> wanted = created.stream().map(Topic::name).collect(Collectors.toSet());
        long deadline = System.nanoTime() + SERVED_TIMEOUT.toNanos();
        while (!served(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not serve the created topics " + wanted + " within " + SERVED_TIMEOUT);
            }
            Thread.sleep(SERVED_RECHECK.toMillis());
        }
    }

    /** Each topic has partitions, each with a leader; whether they are as many as wanted is {@link #misconfigured}'s to say. */
    private boolean served(Set<String> wanted) throws InterruptedException, ExecutionException {
        try {
            return admin.describeTopics(wanted).allTopicNames().get().values().stream()
                    .allMatch(d -> !d.partitions().isEmpty()
                            && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private List<String> misconfigured(List<Topic<?, ?>> topics) throws InterruptedException, ExecutionException {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, Topic<?, ?>> byName = topics.stream().collect(Collectors.toMap(Topic::name, t -> t));
        List<ConfigResource> resources = byName.keySet().stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        Map<String, Integer> partitions = admin.describeTopics(byName.keySet()).allTopicNames().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
        List<String> problems = new ArrayList<>();
        configs.forEach((resource, config) -> {
            Topic<?, ?> topic = byName.get(resource.name());
            topic.config().forEach((key, want) -> {
                var entry = config.get(key);
                String found = entry == null ? null : entry.value();
                if (!want.equals(found)) {
                    problems.add(topic.name() + " has " + key + "=" + found + ", needs " + want);
                }
            });
            int found = partitions.get(topic.name());
            if (found != topic.partitions()) {
                problems.add(topic.name() + " has " + found + " partitions, needs " + topic.partitions());
            }
        });
        return problems;
    }
}
