package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.testsupport.NodePeers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both conformance suites against the project's own TypeScript SDK tool server serving what they
 * exercise (logging, sampling, elicitation with defaults and enums, a subscribable resource, lists
 * that change, a tool needing an undeclared capability), alone and through the gateway speaking to
 * it in either era over Streamable HTTP: through the gateway, every scenario and every
 * server-stateless check that the server passes alone must pass, whichever era the gateway speaks
 * to it. One server process serves all runs; its answers do not depend on earlier runs.
 */
class ConformanceBridgingIT {
    private static final String STATELESS = "server-stateless";
    private static ConformanceSuite suite;
    private static NodePeers.HttpToolServer server;
    private static Set<String> sessionSuiteAlone;
    private static Set<String> statelessSuiteAlone;
    private static Set<String> statelessChecksFailedAlone;

    @BeforeAll
    static void runBothSuitesAgainstTheServerAlone(@TempDir Path dir) throws Exception {
        assumeTrue(ConformanceSuite.npmAvailable() && NodePeers.available(), "npm is not installed: the suites and the server come from it");
        suite = ConformanceSuite.install(Path.of("target/conformance"));
        server = NodePeers.httpToolServer(Files.createFile(dir.resolve("calls.log")), Map.of(NodePeers.CONFORMANCE_ENV, "1"));
        sessionSuiteAlone = suite.passedScenarios(server.url(), "tool-server");
        statelessSuiteAlone = suite.passedRequiredBy2026(server.url(), "tool-server");
        statelessChecksFailedAlone = suite.unsuccessfulChecks("tool-server", STATELESS);
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "gateway speaking {0} to the server")
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void shouldPassThroughTheGatewayEveryScenarioTheServerPassesAlone(String era, @TempDir Path dir) throws Exception {
        // given: the server's own scenarios, with the ones the bridging is about among them
        assertThat(sessionSuiteAlone).as("session-era scenarios the tool server passes alone").contains("logging-set-level",
                "tools-call-with-logging", "tools-call-sampling", "tools-call-elicitation", "elicitation-sep1034-defaults",
                "elicitation-sep1330-enums", "resources-subscribe", "resources-unsubscribe");
        assertThat(statelessChecksFailedAlone).as("server-stateless checks the tool server fails alone").isEmpty();
        // when
        Set<String> sessionSuiteThrough;
        Set<String> statelessSuiteThrough;
        String label = "gateway-to-" + era;
        try (ConformanceGateway gateway = ConformanceGateway.fronting(new GatewayConfig.ServerEntry(null, null, null, server.url(),
                null, "", era, null, null, null), dir)) {
            sessionSuiteThrough = suite.passedScenarios(gateway.url(), label);
            statelessSuiteThrough = suite.passedRequiredBy2026(gateway.url(), label);
        }
        // then
        assertThat(sessionSuiteThrough).as("session-era scenarios through the gateway (logs in target/conformance)")
                .containsAll(sessionSuiteAlone);
        assertThat(statelessSuiteThrough).as("2026-07-28 scenarios through the gateway (logs in target/conformance)")
                .containsAll(statelessSuiteAlone);
        assertThat(suite.unsuccessfulChecks(label, STATELESS)).as("server-stateless checks failed through the gateway")
                .isSubsetOf(statelessChecksFailedAlone);
    }
}
