package dev.mcpgw.cli;

import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.SchemaTopic;
import dev.mcpgw.launcher.ConfigLoader;
import dev.mcpgw.launcher.GatewayConfig;
import dev.mcpgw.launcher.ServiceHealth;
import dev.mcpgw.review.ReviewService;
import dev.mcpgw.review.ReviewSettings;
import dev.mcpgw.schemas.SecretKeyFile;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gateway review serve}: the review service alone (the approvers' page and API), from the
 * config's review section, against a Kafka cluster. The rest of {@code gateway review} are the
 * approvers' own commands, which talk to this service.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run only the review service (approvers' page and API) from the config's review section. Stops cleanly on SIGTERM.")
final class ReviewServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOption kafka;

    @Option(names = "--config", required = true, description = "Gateway config (YAML) with a review section (listen, approvers).")
    Path config;

    @Option(names = "--key-dir", description = "Where the verdict key shared with the decision stream is (default: the config's stateDir).")
    Path keyDir;

    @Option(names = "--health-listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8084",
            description = "Where /healthz and /metrics are served (default: ${DEFAULT-VALUE}; port 0: any free port).")
    String healthListen;

    @Override
    public Integer call() throws Exception {
        Optional<ConfigLoader.Loaded> loaded = ServiceConfig.load(config, spec);
        if (loaded.isEmpty()) {
            return 1;
        }
        GatewayConfig gateway = loaded.get().config();
        if (gateway.review() == null) {
            spec.commandLine().getErr().println(config + ": no review section: name the approvers (and where the page listens) under review");
            return 1;
        }
        Path keys = keyDir != null ? keyDir : gateway.stateDirectory();
        String[] listen = gateway.review().hostAndPort();
        // Before the service writes its first verdict: readers anywhere must be able to resolve its schemas.
        SchemaTopic.publishAndFollow(kafka.bootstrapServers);
        Standalone service = Standalone.against(kafka.bootstrapServers);
        DeadLetters deadLetters = service.started(new DeadLetters(kafka.bootstrapServers));
        ReviewService review;
        try {
            review = service.started(ReviewService.start(new ReviewSettings(listen[0], Integer.parseInt(listen[1]), kafka.bootstrapServers,
                    gateway.review().approverDirectory(), SecretKeyFile.loadOrCreate(keys.resolve(ReviewSettings.VERDICT_KEY_FILE)),
                    Boolean.TRUE.equals(gateway.review().secureCookies())), deadLetters));
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        Gauge.builder("mcpgw.reviews.pending", () -> review.board().pending().size())
                .description("Reviews waiting for approvers' verdicts").register(service.metrics());
        String health = service.serve(healthListen, ServiceHealth.of(review, service.kafka()));
        System.out.println("review service running at " + review.url() + "/; health and metrics at " + health);
        service.runUntilStopped("review service");
        return 0;
    }
}
