package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gateway train}, the run ./gateway records its ahead-of-time cache from, on a real gateway in this JVM. */
class TrainCommandIT {

    @Test
    void trainsOnCallsOfBothErasEachAnsweredAsItsPolicyDecides() {
        StringWriter err = new StringWriter();
        CommandLine gateway = new CommandLine(new GatewayCommand());
        gateway.setErr(new PrintWriter(err, true));

        int status = gateway.execute("train", "--calls", "40");

        assertThat(status).as("exit status; it printed: %s", err).isZero();
        assertThat(err.toString()).contains("trained on 40 calls of each era, 0 not answered as the policy decides");
    }

    @Test
    void refusesMoreCallsThanCouldTeachTheJvmAnything() {
        StringWriter err = new StringWriter();
        CommandLine gateway = new CommandLine(new GatewayCommand());
        gateway.setErr(new PrintWriter(err, true));

        int status = gateway.execute("train", "--calls", "100001");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--calls must be between 1 and 100000, not 100001");
    }
}
