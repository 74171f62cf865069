package dev.mcpgw.cli;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.launcher.GatewayTelemetry;
import dev.mcpgw.launcher.ServiceHealth;
import dev.mcpgw.stream.DecisionStreamApp;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gateway stream}: the decision stream alone, against an existing Kafka with the gateway's
 * topics, for deployments that run each part on its own (and for the crash tests, which kill it).
 * Instances started with the same keys share the partitions of gateway.propose.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Run only the decision stream (the topics and a policy must exist). Stops cleanly on SIGTERM.")
final class StreamCommand implements Callable<Integer> {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Mixin
    KafkaOption kafka;

    @Option(names = "--state-dir", defaultValue = "data/streams",
            description = "Kafka Streams state, one per instance (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--key-dir", description = "The signing, decision and verdict keys, shared by every stream instance and edge "
            + "(default: the state directory).")
    Path keyDir;

    @Option(names = "--decision-partitions", description = "Partitions of gateway.propose (default: 4).")
    int decisionPartitions = Topics.PROPOSE_PARTITIONS;

    @Option(names = "--health-listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8082",
            description = "Where /healthz and /metrics are served (default: ${DEFAULT-VALUE}; port 0: any free port).")
    String healthListen;

    @Override
    public Integer call() throws InterruptedException {
        Standalone service = Standalone.against(kafka.bootstrapServers);
        // Traced as the OTEL_* variables say, if they name an endpoint; closed after the stream.
        GatewayTelemetry telemetry = service.started(GatewayTelemetry.start(null, System.getenv()));
        DecisionStreamApp stream = service.started(new DecisionStreamApp(DecisionStreamApp.Settings.defaults(kafka.bootstrapServers, stateDir,
                keyDir == null ? stateDir : keyDir).withProposePartitions(decisionPartitions), telemetry.openTelemetry()));
        service.started(stream.metrics()).bindTo(service.metrics());
        Gauge.builder("mcpgw.dead.letters.stream", stream::deadLetterCount)
                .description("Records the decision stream gave up on (reported on gateway.dead-letter)").register(service.metrics());
        String health = service.serve(healthListen, ServiceHealth.of(stream, service.kafka()));
        try {
            stream.startAndAwaitRunning(START_TIMEOUT);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        System.out.println("decision stream running, signing receipts with key " + stream.signingKeyId() + "; health and metrics at " + health);
        service.runUntilStopped("decision stream");
        return 0;
    }
}
