package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway finds each server's era: the TypeScript SDK v2 server, which serves both, answers
 * server/discover and is spoken to in 2026-07-28 over either transport, unless the configuration
 * pins another revision.
 */
@Timeout(60)
class EraDiscoveryTest {
    @TempDir
    Path temp;

    private final EventLoop loop = new EventLoop();
    private Path callLog;
    private DownstreamClient client;
    private NodePeers.HttpToolServer httpServer;

    @BeforeEach
    void requireNode() throws Exception {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK tool server");
        callLog = temp.resolve("calls.log");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            loop.await(client::close);
        }
        if (httpServer != null) {
            httpServer.close();
        }
        loop.close();
    }

    private DownstreamClient started(DownstreamClient fresh) {
        client = fresh;
        loop.await(client::start);
        return client;
    }

    private DownstreamClient stdio(String protocol) {
        McpPeers.StdioCommand server = NodePeers.toolServer(callLog);
        return started(new StdioDownstream(new DownstreamSpec("node", server.command(), server.args(), server.env(), null, null, "node", protocol),
                loop.context(), Duration.ofSeconds(30)));
    }

    private DownstreamClient http(String protocol) {
        httpServer = NodePeers.httpToolServer(callLog);
        return started(new HttpDownstream(new DownstreamSpec("node", null, null, null, httpServer.url(), Map.of(), "node", protocol),
                loop.context(), Duration.ofSeconds(30)));
    }

    private JsonObject echo(DownstreamClient server) {
        return loop.await(() -> server.request("tools/call",
                new JsonObject().put("name", "echo").put("arguments", new JsonObject().put("text", "hi"))));
    }

    @Test
    void shouldSpeak2026WithAStdioServerThatDiscovers() {
        DownstreamClient server = stdio(null);

        assertThat(server.protocolVersion()).isEqualTo(ProtocolVersions.V2026_07_28);
        assertThat(server.initializeResult().getJsonArray("supportedVersions")).contains(ProtocolVersions.V2026_07_28);
        assertThat(echo(server).getString("resultType")).isEqualTo("complete");
    }

    @Test
    void shouldSpeak2026WithAnHttpServerThatDiscovers() {
        DownstreamClient server = http(null);

        assertThat(server.protocolVersion()).isEqualTo(ProtocolVersions.V2026_07_28);
        assertThat(echo(server).getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("hi");
    }

    @Test
    void shouldSpeakTheConfiguredRevisionWithoutAskingTheServer() {
        DownstreamClient server = http(ProtocolVersions.V2025_11_25);

        assertThat(server.protocolVersion()).isEqualTo(ProtocolVersions.V2025_11_25);
        assertThat(echo(server).containsKey("resultType")).isFalse();
    }
}
