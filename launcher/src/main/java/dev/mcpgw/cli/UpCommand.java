package dev.mcpgw.cli;

import dev.mcpgw.edge.identity.OAuthSettings;
import dev.mcpgw.edge.identity.ProtectedResource;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.launcher.ConfigException;
import dev.mcpgw.launcher.ConfigLoader;
import dev.mcpgw.launcher.Gateway;
import dev.mcpgw.launcher.GatewayConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway up}: runs the whole gateway until interrupted. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start Kafka (embedded unless configured), the decision stream, the receipt sink, the review queue and the MCP edge.")
final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "Gateway config (YAML). Default: the bundled starter config.")
    Path config;

    @Option(names = "--verbose", description = "When the gateway cannot start, print the stack trace too.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        ConfigLoader loader = new ConfigLoader(System::getenv);
        ConfigLoader.Loaded loaded;
        Gateway gateway;
        try {
            loaded = config == null ? loader.starter() : loader.load(config);
            gateway = Gateway.start(loaded);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return cannotStart(e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        System.out.printf("""

                MCP authorization gateway is up (%s)
                  MCP endpoint (Streamable HTTP):  %s
                  authenticate with:               Authorization: Bearer <apiKey of an agent in the config%s>
                  agents:                          %s%s%s
                  health:                          %s
                  review page (approvers):         %s
                  Kafka bootstrap servers:         %s
                  receipts (hash-chained, signed): topic %s   verify: ./gateway audit verify --bootstrap-servers %s
                  receipt signing public key:      %s (also on topic %s)
                  receipt archive:                 %s   verify offline: ./gateway audit verify --from-archive %s
                  active policy:                   %s (version %s)
                Press Ctrl+C to stop.
                %n""", loaded.origin(), gateway.mcpUrl(),
                loaded.config().oauth() == null ? "" : ", or an OAuth access token for " + loaded.config().oauth().resource(),
                loaded.config().agents() == null ? List.of() : loaded.config().agents().stream().map(GatewayConfig.AgentEntry::id).toList(),
                config == null ? "   (starter key: demo-agent-key, or $MCPGW_DEMO_API_KEY)" : "",
                oauthLine(loaded.config()),
                gateway.healthUrl(), reviewLine(gateway, loaded.config().review(), config == null), gateway.bootstrapServers(),
                Topics.RECEIPT.name(), gateway.bootstrapServers(), gateway.receiptPublicKey(), Topics.RECEIPT_KEYS.name(),
                gateway.receiptArchive(), gateway.receiptArchive(), gateway.policy().label(), gateway.policy().version());
        stopped.await();
        return 0;
    }

    private static String oauthLine(GatewayConfig config) {
        return config.oauthSettings().map(oauth -> System.lineSeparator() + "  OAuth resource metadata:         "
                + new ProtectedResource(oauth).metadataUrl() + "   authorization servers: "
                + oauth.authorizationServers().stream().map(OAuthSettings.AuthorizationServer::issuer).toList()).orElse("");
    }

    private static String reviewLine(Gateway gateway, GatewayConfig.Review review, boolean starter) {
        if (gateway.reviewUrl().isEmpty()) {
            return "off (add a review section with approvers to the config)";
        }
        String url = gateway.reviewUrl().get();
        return url + "/   approvers: " + review.approvers().stream().map(GatewayConfig.ApproverEntry::id).toList()
                + (starter ? " (starter password: reviewer-password, or $MCPGW_REVIEWER_PASSWORD)" : "")
                + System.lineSeparator() + "  review CLI:                      ./gateway review list --url " + url;
    }

    /** What an operator can act on, in a line or two: the config error as written, or the failure's kind and message. */
    private int cannotStart(Exception e) {
        PrintWriter err = spec.commandLine().getErr();
        if (e instanceof ConfigException) {
            err.println(e.getMessage());
        } else {
            err.printf("the gateway could not start: %s: %s%n", e.getClass().getSimpleName(), e.getMessage());
        }
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("(run with --verbose for the stack trace)");
        }
        return 1;
    }
}
