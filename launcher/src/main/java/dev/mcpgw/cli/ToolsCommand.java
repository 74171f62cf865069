package dev.mcpgw.cli;

import dev.mcpgw.kafka.ToolPinTopic;
import dev.mcpgw.schemas.ToolPin;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway tools}: the pins of a running gateway's tools (topic gateway.tool-pins), and accepting a changed one. */
@Command(name = "tools", mixinStandardHelpOptions = true, description = "See how each tool is pinned, and accept a changed definition.",
        subcommands = {ToolsCommand.ListPins.class, ToolsCommand.Accept.class})
final class ToolsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Each tool's pin: PINNED with its hash, or CHANGED with the pinned and the new hash and what changed.")
    static final class ListPins implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOption kafka;

        @Option(names = "--server", paramLabel = "SERVER", description = "Only this server's tools.")
        String server;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (GatewayKafka.decisionPartitions(kafka.bootstrapServers, out).isEmpty()) {
                return 1;
            }
            Map<String, ToolPin> pins = ToolPinTopic.readAll(kafka.bootstrapServers);
            pins.values().stream().filter(pin -> server == null || pin.getServer().equals(server)).forEach(pin -> print(pin, out));
            if (pins.isEmpty()) {
                out.println("no tool is pinned yet: a gateway pins each tool when it first lists it");
            }
            return 0;
        }

        private static void print(ToolPin pin, PrintWriter out) {
            String source = pin.getSource().name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (pin.getChangedHash() == null) {
                out.printf("%s %s PINNED %s (%s)%n", pin.getServer(), pin.getTool(), pin.getPinnedHash(), source);
                return;
            }
            out.printf("%s %s CHANGED, awaiting acceptance (%s)%n  pinned: %s%n  now:    %s%n", pin.getServer(), pin.getTool(), source,
                    pin.getPinnedHash(), pin.getChangedHash());
            ToolDiff.between(pin.getPinnedDefinition(), pin.getChangedDefinition()).forEach(line -> out.printf("    %s%n", line));
        }
    }

    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = "Pin the changed definition of SERVER's TOOL, so that every gateway instance lets it through again.")
    static final class Accept implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOption kafka;

        @Parameters(index = "0", paramLabel = "SERVER", description = "The tool server's name in the gateway config.")
        String server;

        @Parameters(index = "1", paramLabel = "TOOL", description = "The tool's name on that server (without the gateway's prefix).")
        String tool;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            Optional<Integer> reachable = GatewayKafka.decisionPartitions(kafka.bootstrapServers, out);
            if (reachable.isEmpty()) {
                return 1;
            }
            try {
                ToolPin accepted = ToolPinTopic.accept(kafka.bootstrapServers, server, tool, "cli:" + System.getProperty("user.name"),
                        System.currentTimeMillis());
                out.printf("ACCEPTED: %s %s is pinned to %s; gateway instances list it again%n", server, tool, accepted.getPinnedHash());
                return 0;
            } catch (IllegalStateException e) {
                out.println(e.getMessage());
                return 1;
            } catch (KafkaException e) {
                out.printf("could not record the acceptance (%s): nothing changed; try again%n", e.getMessage());
                return 1;
            }
        }
    }
}
