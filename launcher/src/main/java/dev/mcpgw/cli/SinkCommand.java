package dev.mcpgw.cli;

import dev.mcpgw.edge.mcp.GatewayImplementation;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.launcher.ServiceHealth;
import dev.mcpgw.sink.ReceiptSink;
import dev.mcpgw.sink.SinkSettings;
import dev.mcpgw.sink.siem.OcsfOutput;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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

    @Option(names = "--health-listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8083",
            description = "Where /healthz and /metrics are served (default: ${DEFAULT-VALUE}; port 0: any free port).")
    String healthListen;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SinkSettings settings = SinkSettings.defaults(kafka.bootstrapServers, archive)
                .following(topic, checkpointTopic, group).withReceiptsPerSegment(receiptsPerSegment);
        if (ocsfTopic != null || ocsfFile != null) {
            settings = settings.withOcsf(new OcsfOutput(ocsfTopic, ocsfFile, GatewayImplementation.info().getString("version")));
        }
        Standalone service = Standalone.against(kafka.bootstrapServers);
        ReceiptSink sink;
        try {
            sink = service.started(new ReceiptSink(settings).start());
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        Gauge.builder("mcpgw.receipts.verified", sink::verifiedCount).description("Receipts the sink has verified since it started")
                .register(service.metrics());
        Gauge.builder("mcpgw.receipts.archived", sink::archivedCount).description("Receipts the sink has archived since it started")
                .register(service.metrics());
        Gauge.builder("mcpgw.receipt.chain.intact", () -> sink.firstBreak().isEmpty() ? 1 : 0)
                .description("1 while every verified receipt holds, 0 once the sink found a break").register(service.metrics());
        String health = service.serve(healthListen, ServiceHealth.of(sink, service.kafka()));
        System.out.println("receipt sink running, archiving " + topic + " to " + archive + "; health and metrics at " + health);
        service.runUntilStopped("receipt sink");
        return sink.firstBreak().isPresent() ? 1 : 0;
    }
}
