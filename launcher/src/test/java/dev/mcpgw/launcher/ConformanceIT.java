package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.testsupport.FreePort;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP conformance suites against the gateway fronting server-everything (stdio, no
 * tool prefix, allow-all policy). Session era: the gateway must pass every scenario the server
 * passes alone, and DNS-rebinding protection in full. 2026-07-28: every required scenario that
 * mcp-proxy (a plain proxy bridging the eras) passes in front of the same server, DNS-rebinding
 * protection in full, and every check of server-stateless that server-everything makes possible. The suites cannot send credentials, so
 * they reach the gateway through a loopback reverse proxy that adds the API key.
 */
class ConformanceIT {
    /**
     * server-stateless checks that call the suite's diagnostic tool test_missing_capability, which
     * server-everything does not have: they fail in front of it for any proxy (and list-change
     * warnings, which need a server that changes its lists when the suite asks).
     */
    private static final Set<String> NEED_A_DIAGNOSTIC_TOOL = Set.of(
            "sep-2575-server-rejects-undeclared-capability", "sep-2575-missing-capability-http-400",
            "sep-2575-server-sends-prompts-list-changed-on-subscription", "sep-2575-server-sends-tools-list-changed-on-subscription");

    @Test
    void shouldPassEveryScenarioThatTheFrontedServerPassesAlone(@TempDir Path dir) throws Exception {
        assumeTrue(ConformanceSuite.npmAvailable(), "npm is not installed: the conformance suite comes from the npm registry");
        ConformanceSuite suite = ConformanceSuite.install(Path.of("target/conformance"));
        // given: what server-everything passes on its own
        int directPort = FreePort.pick();
        Set<String> passedAlone = against(suite.startServerEverything(directPort), directPort, url -> suite.passedScenarios(url, "direct"));
        // when: the same suite through the gateway
        Set<String> passedThroughGateway = throughGateway(suite, dir, url -> suite.passedScenarios(url, "gateway"));
        // then
        assertThat(passedAlone).as("scenarios server-everything passes alone").contains("server-initialize", "tools-list");
        assertThat(passedThroughGateway).as("scenarios passed through the gateway (logs in target/conformance)")
                .containsAll(passedAlone)
                .contains("dns-rebinding-protection");
    }

    @Test
    void shouldPassEveryRequired2026ScenarioThatAPlainProxyPasses(@TempDir Path dir) throws Exception {
        assumeTrue(ConformanceSuite.npmAvailable(), "npm is not installed: the conformance suite comes from the npm registry");
        ConformanceSuite suite = ConformanceSuite.install(Path.of("target/conformance"));
        // given: what mcp-proxy passes in front of the same server
        int proxyPort = FreePort.pick();
        Set<String> passedByPlainProxy = against(suite.startMcpProxy(proxyPort), proxyPort,
                url -> suite.passedRequiredBy2026(url, "mcp-proxy"));

        Set<String> passedThroughGateway = throughGateway(suite, dir, url -> suite.passedRequiredBy2026(url, "gateway"));

        assertThat(passedByPlainProxy).as("scenarios mcp-proxy passes").contains("tools-list");
        assertThat(passedThroughGateway).as("2026-07-28 scenarios passed through the gateway (logs in target/conformance)")
                .containsAll(passedByPlainProxy)
                .contains("dns-rebinding-protection");
        assertThat(suite.unsuccessfulChecks("gateway", "server-stateless")).as("server-stateless checks the gateway does not pass")
                .isSubsetOf(NEED_A_DIAGNOSTIC_TOOL);
        assertThat(suite.unsuccessfulChecks("mcp-proxy", "server-stateless")).containsAll(NEED_A_DIAGNOSTIC_TOOL);
    }

    /** What a run of a suite passes against {@code server} listening on {@code port}; the server is stopped afterwards. */
    private static Set<String> against(Process server, int port, SuiteRun run) throws Exception {
        try {
            waitForPort(port);
            return run.passed("http://127.0.0.1:" + port + "/mcp");
        } finally {
            server.destroy();
        }
    }

    /** What a run of a suite passes through a gateway fronting server-everything over stdio, reached at the URL it is given. */
    private static Set<String> throughGateway(ConformanceSuite suite, Path dir, SuiteRun run) throws Exception {
        try (ConformanceGateway gateway = ConformanceGateway.fronting(new GatewayConfig.ServerEntry(suite.node(),
                List.of(suite.serverEverything(), "stdio"), Map.of(), null, null, "", null, null, null, null, null, null, null), dir)) {
            return run.passed(gateway.url());
        }
    }

    @FunctionalInterface
    private interface SuiteRun {
        Set<String> passed(String url) throws Exception;
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing listens on " + port);
    }
}
