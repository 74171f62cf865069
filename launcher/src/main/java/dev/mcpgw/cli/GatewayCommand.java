package dev.mcpgw.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code gateway} command. */
@Command(name = "gateway", mixinStandardHelpOptions = true, version = "mcp-gateway 0.1.0",
        description = "An MCP authorization gateway, event-sourced on Apache Kafka.",
        subcommands = {UpCommand.class, InitCommand.class, EdgeCommand.class, StreamCommand.class, SinkCommand.class, AuditCommand.class, PolicyCommand.class, ReviewCommand.class,
                ToolsCommand.class, TrainCommand.class})
public final class GatewayCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayCommand()).execute(args));
    }
}
