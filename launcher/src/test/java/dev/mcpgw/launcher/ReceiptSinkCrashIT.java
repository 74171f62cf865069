package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.chain.ChainHead;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.SampleChains;
import dev.mcpgw.cli.GatewayCommand;
import dev.mcpgw.kafka.ReceiptKeyTopic;
import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.sink.VerificationReport;
import dev.mcpgw.sink.archive.ArchiveLayout;
import dev.mcpgw.sink.archive.ArchiveVerifier;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receipt sink runs as its own process ({@code gateway sink}) and is killed with SIGKILL while
 * it archives a trail of 6000 signed receipts in two chains; a new process takes over. Afterwards
 * the archive holds every receipt exactly once, in topic order, and verifies offline.
 */
class ReceiptSinkCrashIT {
    private static final int PER_CHAIN = 3000;
    private static final Path LOGS = Path.of("target");

    @Test
    void shouldArchiveEveryReceiptExactlyOnceWhenTheSinkIsKilledMidTrail(@TempDir Path dir) throws Exception {
        ReceiptKeyTopic.publish(SharedKafka.bootstrapServers(), SampleChains.KEY.published(0L));
        List<Receipt> trail = SampleChains.interleave(SampleChains.chain("propose-0", PER_CHAIN), SampleChains.chain("propose-1", PER_CHAIN));
        String receipts = topicWith(Topics.RECEIPT, trail.stream().map(r -> Map.entry(r.getChain() + "/" + r.getSequence(), r)).toList());
        String checkpoints = topicWith(Topics.CHECKPOINT, List.of(SampleChains.checkpointOf(trail, "propose-0"), SampleChains.checkpointOf(trail, "propose-1")).stream()
                .map(c -> Map.entry(c.getChain() + "/" + c.getCount(), c)).toList());
        Path archive = dir.resolve("archive");

        Process first = startSink(archive, receipts, checkpoints, LOGS.resolve("sink-crash-first.log"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> archivedLines(archive) >= 500);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long archivedBeforeKill = archivedLines(archive);
        Process second = startSink(archive, receipts, checkpoints, LOGS.resolve("sink-crash-second.log"));
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> archivedLines(archive) >= trail.size()
                    && Files.readAllLines(archive.resolve(ArchiveLayout.CHECKPOINTS)).size() == 2);
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }

        assertThat(archivedBeforeKill).isLessThan(trail.size());
        VerificationReport report = new ArchiveVerifier(KeyRing.of(SampleChains.KEY.publicKey())).verify(archive);
        assertThat(report.intact()).as(report.toString()).isTrue();
        // Every line verified in its chain's order: a line lost or written twice would break a chain.
        assertThat(report.verified()).isEqualTo(trail.size());
        assertThat(report.heads().values()).extracting(ChainHead::nextSequence).containsOnly((long) PER_CHAIN);
    }

    /** {@code gateway sink} in a JVM of its own; returns once it says it runs. */
    private static Process startSink(Path archive, String receipts, String checkpoints, Path log) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), GatewayCommand.class.getName(),
                "sink", "--bootstrap-servers", SharedKafka.bootstrapServers(), "--archive", archive.toString(),
                "--topic", receipts, "--checkpoint-topic", checkpoints, "--group", "crash-" + receipts, "--receipts-per-segment", "1000", "--health-listen", "127.0.0.1:0")
                .redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("first line of the sink process (log: %s)", log).startsWith("receipt sink running");
        return process;
    }

    private static <V> String topicWith(Topic<String, V> original, List<Map.Entry<String, V>> records) {
        var copy = new Topic<>(original.name() + "-crash-" + System.nanoTime(), original.keySerde(), original.valueSerde(), 1, original.config());
        try (Admin admin = SharedKafka.admin()) {
            new TopicProvisioner(admin).ensure(List.of(copy));
        }
        TopicIO.writeAll(copy, records);
        return copy.name();
    }

    private static long archivedLines(Path archive) throws IOException {
        long lines = 0;
        for (long segment : ArchiveLayout.segments(archive)) {
            lines += Files.readString(ArchiveLayout.segment(archive, segment)).chars().filter(c -> c == '\n').count();
        }
        return lines;
    }
}
