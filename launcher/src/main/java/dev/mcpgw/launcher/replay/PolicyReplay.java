package dev.mcpgw.launcher.replay;

import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.stream.processor.IntentDecider;
import dev.mcpgw.stream.processor.RateCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What-if before activation: decides every intent recorded on gateway.propose again under a
 * candidate policy, partition by partition in offset order, through the decision stream's own
 * {@link IntentDecider} with counts of its own per partition (as each stream task keeps them), and
 * reports each decision in range whose effect differs from the one on record (a decision that only
 * names other rules, same effect, is not a change: nothing a caller sees would differ).
 */
public final class PolicyReplay {
    private final String bootstrapServers;
    private final Duration timeout;

    public PolicyReplay(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    public ReplayReport replay(Policy candidate, ReplayRange range) {
        Map<String, RecordedDecision> recorded = RecordedDecisions.read(bootstrapServers, timeout);
        Map<Integer, IntentDecider> partitions = new HashMap<>();
        List<ChangedDecision> changes = new ArrayList<>();
        long[] replayed = {0};
        long[] unrecorded = {0};
        TopicConsumers.readToEnd(bootstrapServers, Topics.PROPOSE.name(), Topics.PROPOSE, timeout, record -> {
            Intent intent = record.value();
            if (intent == null) {
                // Unreadable or a tombstone: the stream decides nothing for it, and counts nothing.
                return true;
            }
            IntentDecider decider = partitions.computeIfAbsent(record.partition(), p -> new IntentDecider(RateCounters.inMemory()));
            Decision decision = decider.decide(intent, candidate);
            decider.count(decision);
            if (!range.includes(record.offset(), intent)) {
                return true;
            }
            replayed[0]++;
            RecordedDecision before = recorded.get(intent.getIntentId());
            if (before == null) {
                unrecorded[0]++;
                return true;
            }
            RecordedDecision after = RecordedDecision.of(decision.effect().name(), decision.matchedRules());
            if (!after.effect().equals(before.effect())) {
                changes.add(new ChangedDecision(record.partition(), record.offset(), intent, before, after, decision.reasons()));
            }
            return true;
        });
        return new ReplayReport(replayed[0], unrecorded[0], List.copyOf(changes));
    }
}
