package dev.mcpgw.sink;

import static org.awaitility.Awaitility.await;

import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.stream.DecisionStreamApp;
import dev.mcpgw.stream.topology.ChainSettings;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TemporaryDirectory;
import dev.mcpgw.testsupport.TopicIO;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One chain of real receipts, written by the real decision stream for one agent, with the signed
 * checkpoints of its first half and of its full length; made once per test JVM. Tests tamper with
 * copies on fresh topics.
 */
final class RealTrail {
    static final int RECEIPTS = 10;
    private static final String AGENT = "auditor-test-agent";
    private static List<Receipt> receipts;
    private static List<Checkpoint> checkpoints;

    private RealTrail() {
    }

    static synchronized List<Receipt> receipts() throws Exception {
        if (receipts == null) {
            produce();
        }
        return receipts.stream().map(r -> Receipt.newBuilder(r).build()).toList();
    }

    /** The checkpoint of the whole chain. */
    static List<Checkpoint> checkpoints() throws Exception {
        return checkpointsOf(RECEIPTS);
    }

    /** The checkpoint of the first half: the receipts after it are the chain's tail. */
    static List<Checkpoint> halfwayCheckpoints() throws Exception {
        return checkpointsOf(RECEIPTS / 2);
    }

    private static synchronized List<Checkpoint> checkpointsOf(long count) throws Exception {
        if (checkpoints == null) {
            produce();
        }
        return checkpoints.stream().filter(c -> c.getCount() == count).map(c -> Checkpoint.newBuilder(c).build()).toList();
    }

    private static void produce() throws Exception {
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("v", "default: allow", 0L), 0L);
        try (var state = TemporaryDirectory.create("real-trail"); var stream = new DecisionStreamApp(settings(state.path()))) {
            stream.start();
            await().atMost(Duration.ofSeconds(60)).until(stream::isRunning);
            for (int i = 0; i < RECEIPTS; i++) {
                TopicIO.write(Topics.PROPOSE, AGENT, intent(i), 1000L + i);
            }
            receipts = TopicIO.readUntil(Topics.RECEIPT, rs -> mine(rs).size() >= RECEIPTS, Duration.ofSeconds(60)).stream()
                    .map(ConsumerRecord::value).filter(RealTrail::isMine).toList();
            String chain = receipts.get(0).getChain();
            checkpoints = TopicIO.readUntil(Topics.CHECKPOINT, cs -> cs.stream().anyMatch(c -> isFull(c.value(), chain)), Duration.ofSeconds(30))
                    .stream().map(ConsumerRecord::value).filter(c -> c.getChain().equals(chain)).toList();
        }
    }

    /** Two checkpoints: when the chain holds half the receipts and when it holds them all. */
    private static DecisionStreamApp.Settings settings(Path stateDir) {
        var settings = DecisionStreamApp.Settings.defaults(SharedKafka.bootstrapServers(), stateDir);
        return settings.withChain(new ChainSettings(settings.chain().signingKey(), RECEIPTS / 2, Duration.ofHours(1)));
    }

    private static List<ConsumerRecord<String, Receipt>> mine(List<ConsumerRecord<String, Receipt>> records) {
        return records.stream().filter(r -> isMine(r.value())).toList();
    }

    private static boolean isMine(Receipt receipt) {
        return receipt.getIntent().getAgent().getId().equals(AGENT);
    }

    private static boolean isFull(Checkpoint checkpoint, String chain) {
        return checkpoint.getChain().equals(chain) && checkpoint.getCount() == RECEIPTS;
    }

    /** Writes {@code receipts} to a new topic configured like gateway.receipt; returns its name. */
    static String receiptTopicWith(List<Receipt> receipts) {
        Topic<String, Receipt> topic = copyOf(Topics.RECEIPT);
        TopicIO.writeAll(topic, receipts.stream().map(r -> Map.entry(r.getChain() + "/" + r.getSequence(), r)).toList());
        return topic.name();
    }

    /** Writes {@code checkpoints} to a new topic configured like gateway.checkpoint; returns its name. */
    static String checkpointTopicWith(List<Checkpoint> checkpoints) {
        Topic<String, Checkpoint> topic = copyOf(Topics.CHECKPOINT);
        TopicIO.writeAll(topic, checkpoints.stream().map(c -> Map.entry(c.getChain() + "/" + c.getCount(), c)).toList());
        return topic.name();
    }

    static <V> Topic<String, V> copyOf(Topic<String, V> original) {
        var copy = new Topic<>(original.name() + "-copy-" + UUID.randomUUID(), original.keySerde(), original.valueSerde(), 1, original.config());
        try (Admin admin = SharedKafka.admin()) {
            new TopicProvisioner(admin).ensure(List.of(copy));
        }
        return copy;
    }

    private static Intent intent(int i) {
        return SampleIntents.intent().setEventTime(1000L + i).setAgent(SampleIntents.agent(AGENT))
                .setServer("files").setTool("read_file").setArgumentsJson("{\"path\":\"/tmp/" + i + "\"}").build();
    }
}
