package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.testsupport.HttpDemoServer;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many connections the gateway holds with a server: two halves with a dual-era HTTP server
 * (the TypeScript SDK v2 tool server answers server/discover and initialize alike), one with any
 * other: a 2026-only or session-only server, a configured revision, a stdio server.
 */
@Timeout(60)
class EraProbeTest {
    @TempDir
    Path temp;

    private final EventLoop loop = new EventLoop();
    private Path callLog;
    private NodePeers.HttpToolServer nodeServer;

    @BeforeEach
    void requireNode() throws Exception {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        callLog = temp.resolve("calls.log");
    }

    @AfterEach
    void stop() {
        if (nodeServer != null) {
            nodeServer.close();
        }
        loop.close();
    }

    private static DownstreamSpec http(String url, String protocol) {
        return new DownstreamSpec("node", null, null, null, url, Map.of(), "node", protocol);
    }

    private List<ServerHalf> halves(DownstreamSpec spec) {
        return loop.await(() -> EraProbe.halves(spec, loop.context(), Duration.ofSeconds(10)));
    }

    @Test
    void shouldSpeakBothErasWithAnHttpServerThatAnswersDiscoverAndInitialize() {
        nodeServer = NodePeers.httpToolServer(callLog);
        DownstreamSpec spec = http(nodeServer.url(), null);

        assertThat(halves(spec)).containsExactly(
                ServerHalf.half(spec.withProtocol(ProtocolVersions.V2026_07_28), Era.STATELESS),
                ServerHalf.half(spec.withProtocol(ProtocolVersions.V2025_11_25), Era.SESSION));
    }

    @Test
    void shouldHoldOneConnectionWithAnHttpServerThatServes2026Alone() {
        nodeServer = NodePeers.httpToolServer(callLog, Map.of(NodePeers.ONLY_2026_ENV, "1"));
        DownstreamSpec spec = http(nodeServer.url(), null);

        assertThat(halves(spec)).containsExactly(ServerHalf.whole(spec));
    }

    @Test
    void shouldHoldOneConnectionWithASessionEraHttpServer() throws Exception {
        try (HttpDemoServer javaServer = new HttpDemoServer(callLog)) {
            DownstreamSpec spec = http(javaServer.url(), null);

            assertThat(halves(spec)).containsExactly(ServerHalf.whole(spec));
        }
    }

    @Test
    void shouldHoldOneConnectionWithADualEraServerWhoseRevisionIsConfigured() {
        nodeServer = NodePeers.httpToolServer(callLog);
        DownstreamSpec spec = http(nodeServer.url(), ProtocolVersions.V2026_07_28);

        assertThat(halves(spec)).containsExactly(ServerHalf.whole(spec));
    }

    @Test
    void shouldHoldOneConnectionWithAStdioServer() {
        McpPeers.StdioCommand server = NodePeers.toolServer(callLog);
        DownstreamSpec spec = new DownstreamSpec("node", server.command(), server.args(), server.env(), null, null, "node");

        assertThat(halves(spec)).containsExactly(ServerHalf.whole(spec));
    }

    @Test
    void shouldKeepTheSessionHalfsPinsApartFromThe2026HalfsWhichKeepTheServersName() {
        DownstreamSpec spec = http("http://127.0.0.1:1/mcp", null);

        assertThat(ServerHalf.half(spec, Era.STATELESS).pinSubject()).isEqualTo("node");
        assertThat(ServerHalf.half(spec, Era.SESSION).pinSubject()).isEqualTo("node@session");
        assertThat(ServerHalf.whole(spec).pinSubject()).isEqualTo("node");
    }
}
