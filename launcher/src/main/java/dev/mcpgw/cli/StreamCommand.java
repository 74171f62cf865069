package dev.mcpgw.cli;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.launcher.GatewayTelemetry;
import dev.mcpgw.stream.DecisionStreamApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gateway stream}: the decision stream alone, against an existing Kafka with the gateway's
 * topics, for deployments that run each part on its own (and for the crash test, which kills it).
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Run only the decision stream (the topics and a policy must exist). Stops cleanly on SIGTERM.")
final class StreamCommand implements Callable<Integer> {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Mixin
    KafkaOption kafka;

    @Option(names = "--state-dir", defaultValue = "data/streams", description = "Kafka Streams state and the signing key (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--decision-partitions", description = "Partitions of gateway.propose (default: 4).")
    int decisionPartitions = Topics.PROPOSE_PARTITIONS;

    @Override
    public Integer call() throws InterruptedException {
        // Traced as the OTEL_* variables say, if they name an endpoint.
        GatewayTelemetry telemetry = GatewayTelemetry.start(null, System.getenv());
        DecisionStreamApp stream = new DecisionStreamApp(DecisionStreamApp.Settings.defaults(kafka.bootstrapServers, stateDir)
                .withProposePartitions(decisionPartitions), telemetry.openTelemetry());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stream.close();
            telemetry.close();
            stopped.countDown();
        }, "stream-shutdown"));
        stream.startAndAwaitRunning(START_TIMEOUT);
        System.out.println("decision stream running, signing receipts with key " + stream.signingKeyId());
        stopped.await();
        return 0;
    }
}
