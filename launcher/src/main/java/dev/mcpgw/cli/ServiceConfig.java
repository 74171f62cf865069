package dev.mcpgw.cli;

import dev.mcpgw.launcher.ConfigException;
import dev.mcpgw.launcher.ConfigLoader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** The gateway config a service run alone starts from; what is wrong with it is said on stderr, in one line with its position. */
final class ServiceConfig {
    private ServiceConfig() {
    }

    static Optional<ConfigLoader.Loaded> load(Path config, CommandSpec spec) {
        try {
            return Optional.of(new ConfigLoader(System::getenv).load(config));
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return Optional.empty();
        }
    }
}
