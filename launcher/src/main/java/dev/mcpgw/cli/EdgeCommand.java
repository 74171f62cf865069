package dev.mcpgw.cli;

import dev.mcpgw.kafka.SchemaTopic;
import dev.mcpgw.launcher.ConfigException;
import dev.mcpgw.launcher.ConfigLoader;
import dev.mcpgw.launcher.EdgeService;
import dev.mcpgw.launcher.GatewayConfig;
import dev.mcpgw.launcher.GatewayTelemetry;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gateway edge}: one MCP edge alone, from the gateway config (listen, agents, tool servers,
 * its own {@code edge.decidePartition}), against a Kafka cluster whose topics exist and whose
 * decision stream runs with the same keys. Its /healthz also needs the cluster to answer.
 */
@Command(name = "edge", mixinStandardHelpOptions = true,
        description = "Run only an MCP edge (the decision stream must run elsewhere with the same keys). Stops cleanly on SIGTERM.")
final class EdgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "Gateway config (YAML): listen, edge, agents, mcpServers, decisionTimeoutMs...")
    Path config;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: the config's kafka.bootstrapServers).")
    String bootstrapServers;

    @Option(names = "--key-dir", description = "The keys every edge and decision stream of the gateway shares (default: the config's stateDir).")
    Path keyDir;

    @Override
    public Integer call() throws Exception {
        Optional<ConfigLoader.Loaded> loaded = ServiceConfig.load(config, spec);
        if (loaded.isEmpty()) {
            return 1;
        }
        GatewayConfig gateway = loaded.get().config();
        String kafka = bootstrapServers != null ? bootstrapServers : gateway.kafka() == null ? null : gateway.kafka().bootstrapServers();
        if (kafka == null || kafka.isBlank()) {
            spec.commandLine().getErr().println(config + ": an edge alone needs a Kafka cluster: set kafka.bootstrapServers or pass --bootstrap-servers");
            return 1;
        }
        // Before the edge writes its first intent: readers anywhere must be able to resolve its schemas.
        SchemaTopic.publishAndFollow(kafka);
        Standalone service = Standalone.against(kafka);
        // Traced as the config's tracing section or the OTEL_* variables say; closed after the edge.
        GatewayTelemetry telemetry = service.started(GatewayTelemetry.start(gateway.otlpEndpoint(), System.getenv()));
        EdgeService edge;
        try {
            edge = service.started(EdgeService.start(gateway, config.toString(), kafka,
                    keyDir != null ? keyDir : gateway.stateDirectory(), telemetry.openTelemetry()));
        } catch (ConfigException e) {
            service.close();
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        edge.edge().addHealthCheck("kafka", service.kafka()::isReachable);
        edge.edge().metrics().gauge("mcpgw.kafka.reachable", "1 while this service's Kafka cluster answers, 0 while it does not",
                () -> service.kafka().isReachable() ? 1 : 0);
        System.out.println("MCP edge running at " + edge.mcpUrl() + ", reading decide partition " + gateway.decidePartition()
                + "; health and metrics at " + edge.baseUrl());
        service.runUntilStopped("MCP edge");
        return 0;
    }
}
