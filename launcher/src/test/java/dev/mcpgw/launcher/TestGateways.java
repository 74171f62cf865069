package dev.mcpgw.launcher;

import java.nio.file.Path;
import java.util.Map;

/** Gateways for the tests of other packages (the CLI's): the demo gateway with the starter policy and agent. */
public final class TestGateways {
    private TestGateways() {
    }

    /** The starter policy with {@code moreRules} appended, and no agents: for tests that write intents to Kafka themselves. */
    public static Gateway withRules(Path dir, String moreRules) throws Exception {
        return DemoGateway.start(dir, moreRules, "", Map.of());
    }

    public static Gateway starter(Path dir) throws Exception {
        return DemoGateway.start(dir, "", """
                agents:
                  - {id: demo-agent, apiKey: demo-agent-key, groups: [demo]}
                """, Map.of());
    }
}
