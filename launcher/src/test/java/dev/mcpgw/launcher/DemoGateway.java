package dev.mcpgw.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * `gateway up` as the launcher's tests start it: everything in one temporary directory (embedded
 * broker on a free port, state, archive, OCSF file), the demo server behind it logging its calls to
 * {@link #callLog}, the starter policy plus what a test adds, and agents and settings of its own.
 */
final class DemoGateway {
    private DemoGateway() {
    }

    static Path callLog(Path dir) {
        return dir.resolve("calls.log");
    }

    static Path ocsfFile(Path dir) {
        return dir.resolve("ocsf.jsonl");
    }

    /** {@code moreRules}: appended to the starter policy's rules; {@code settings}: YAML lines such as {@code agents:} and {@code decisionPartitions}. */
    static Gateway start(Path dir, String moreRules, String settings, Map<String, String> environment) throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), starterPolicy() + moreRules);
        Files.writeString(dir.resolve("gateway.yaml"), """
                listen: 127.0.0.1:0
                kafka:
                  embedded: {dataDir: "%s", port: 0}
                stateDir: "%s"
                receiptArchive: "%s"
                siem: {ocsfFile: "%s"}
                policy: policy.yaml
                decisionTimeoutMs: 10000
                mcpServers:
                  demo:
                    command: ${java}
                    args: ["-cp", "${gateway.classpath}", "dev.mcpgw.demo.DemoServer"]
                    env: {DEMO_CALL_LOG: "%s"}
                """.formatted(dir.resolve("kafka"), dir.resolve("streams"), dir.resolve("receipts"), ocsfFile(dir), callLog(dir)) + settings);
        return Gateway.start(new ConfigLoader(environment::get).load(dir.resolve("gateway.yaml")));
    }

    private static String starterPolicy() throws IOException {
        try (InputStream starter = DemoGateway.class.getResourceAsStream("/starter/policy.yaml")) {
            return new String(starter.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
