package dev.mcpgw.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** The gateway command run in-process, as an operator would run it: its exit code and everything it printed. */
record CliRun(int exitCode, String output) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new GatewayCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString());
    }

    /** A bundled starter file copied to {@code dir}, so that commands read it the way they read an operator's. */
    static Path starterFile(Path dir, String name) throws IOException {
        try (InputStream in = CliRun.class.getResourceAsStream("/starter/" + name)) {
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }
}
