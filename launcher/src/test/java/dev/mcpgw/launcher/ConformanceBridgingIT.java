package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both conformance suites against the project's own TypeScript SDK tool server serving what they
 * exercise (logging, sampling, elicitation with defaults and enums, a subscribable resource, lists
 * that change, a tool needing an undeclared capability), alone over Streamable HTTP and through the
 * gateway speaking either era to it, over HTTP and over stdio (a process of the gateway's own), and
 * over HTTP with its protocol left for the gateway to find (both eras, this server being dual-era):
 * through the gateway, every scenario and every server-stateless check that the server passes alone
 * must pass, except, over stdio, log messages during a call. One HTTP server process serves the
 * HTTP runs.
 */
class ConformanceBridgingIT {
    private static final String STATELESS = "server-stateless";
    /**
     * A stdio server's log messages name no request, and each server is shared by every agent, so
     * the gateway gives them to no client but to its own log (see docs/mcp.md): the one scenario of
     * the suites that needs them passes only over HTTP.
     */
    private static final Set<String> NEEDS_LOGS_TIED_TO_A_CALL = Set.of("tools-call-with-logging");
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

    /**
     * The tool server as the gateway reaches it: the running HTTP server, or a process of its own
     * over stdio; spoken to in {@code era}, or, for "auto", in what the gateway finds (both eras
     * with this dual-era server over HTTP, each client served by the half of its own).
     */
    private static GatewayConfig.ServerEntry entry(String transport, String era, Path dir) throws Exception {
        String protocol = era.equals("auto") ? null : era;
        if (transport.equals("http")) {
            return new GatewayConfig.ServerEntry(null, null, null, server.url(), null, "", protocol, null, null, null, null, null, null);
        }
        McpPeers.StdioCommand stdio = NodePeers.toolServer(Files.createFile(dir.resolve("stdio-calls.log")),
                Map.of(NodePeers.CONFORMANCE_ENV, "1"));
        return new GatewayConfig.ServerEntry(stdio.command(), stdio.args(), stdio.env(), null, null, "", protocol, null, null, null, null, null, null);
    }

    @ParameterizedTest(name = "gateway speaking {1} to the server over {0}")
    @CsvSource({"http, 2025-11-25", "http, 2026-07-28", "http, auto", "stdio, 2025-11-25", "stdio, 2026-07-28"})
    void shouldPassThroughTheGatewayEveryScenarioTheServerPassesAlone(String transport, String era, @TempDir Path dir) throws Exception {
        // given: the server's own scenarios, with the ones the bridging is about among them
        assertThat(sessionSuiteAlone).as("session-era scenarios the tool server passes alone").contains("logging-set-level",
                "tools-call-with-logging", "tools-call-sampling", "tools-call-elicitation", "elicitation-sep1034-defaults",
                "elicitation-sep1330-enums", "resources-subscribe", "resources-unsubscribe");
        assertThat(statelessChecksFailedAlone).as("server-stateless checks the tool server fails alone").isEmpty();
        // when
        Set<String> sessionSuiteThrough;
        Set<String> statelessSuiteThrough;
        String label = "gateway-" + transport + "-" + era;
        try (ConformanceGateway gateway = ConformanceGateway.fronting(entry(transport, era, dir), dir)) {
            sessionSuiteThrough = suite.passedScenarios(gateway.url(), label);
            statelessSuiteThrough = suite.passedRequiredBy2026(gateway.url(), label);
        }
        // then
        Set<String> expected = new TreeSet<>(sessionSuiteAlone);
        if (transport.equals("stdio")) {
            expected.removeAll(NEEDS_LOGS_TIED_TO_A_CALL);
        }
        assertThat(sessionSuiteThrough).as("session-era scenarios through the gateway (logs in target/conformance)")
                .containsAll(expected);
        assertThat(statelessSuiteThrough).as("2026-07-28 scenarios through the gateway (logs in target/conformance)")
                .containsAll(statelessSuiteAlone);
        assertThat(suite.unsuccessfulChecks(label, STATELESS)).as("server-stateless checks failed through the gateway")
                .isSubsetOf(statelessChecksFailedAlone);
    }
}
