package dev.mcpgw.cli;

import dev.mcpgw.edge.mcp.GatewayImplementation;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.sink.ReceiptSink;
import dev.mcpgw.sink.SinkSettings;
import dev.mcpgw.sink.siem.OcsfOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gateway sink}: the receipt sink alone (verify, archive, alarm, SIEM feed), for
 * deployments that run each part on its own, and for the crash test, which kills it.
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Run only the receipt sink: verify the receipt topic as it grows, archive it, raise the alarm on a break, "
                + "feed the SIEM. Stops cleanly on SIGTERM; resumes where it stopped.")
final class SinkCommand implements Callable<Integer> {
    @Mixin
    KafkaOption kafka;

    @Option(names = "--archive", defaultValue = "data/receipts", description = "Archive directory (default: ${DEFAULT-VALUE}).")
    Path archive;

    @Option(names = "--receipts-per-segment", defaultValue = "100000", description = "Receipts per archive segment (default: ${DEFAULT-VALUE}).")
    long receiptsPerSegment;

    @Option(names = "--topic", description = "Receipt topic to follow (default: gateway.receipt).")
    String topic = Topics.RECEIPT.name();

    @Option(names = "--checkpoint-topic", description = "Checkpoint topic to follow (default: gateway.checkpoint).")
    String checkpointTopic = Topics.CHECKPOINT.name();

    @Option(names = "--group", defaultValue = "receipt-sink", description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--ocsf-topic", description = "Also send each archived receipt as an OCSF event to this topic.")
    String ocsfTopic;

    @Option(names = "--ocsf-file", description = "Also append each archived receipt as an OCSF event to this JSON Lines file.")
    Path ocsfFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SinkSettings settings = SinkSettings.defaults(kafka.bootstrapServers, archive)
                .following(topic, checkpointTopic, group).withReceiptsPerSegment(receiptsPerSegment);
        if (ocsfTopic != null || ocsfFile != null) {
            settings = settings.withOcsf(new OcsfOutput(ocsfTopic, ocsfFile, GatewayImplementation.info().getString("version")));
        }
        ReceiptSink sink = new ReceiptSink(settings).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sink.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }, "sink-shutdown"));
        System.out.println("receipt sink running, archiving " + topic + " to " + archive);
        stopped.await();
        return sink.firstBreak().isPresent() ? 1 : 0;
    }
}
