package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.testsupport.McpPeers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every downstream client must do against a real MCP server, whatever the transport. Each
 * transport's test supplies the client, talking to the demo tools over that transport.
 */
@Timeout(60)
abstract class DownstreamClientContract {
    @TempDir
    Path temp;

    protected final EventLoop loop = new EventLoop();
    protected Path callLog;
    private DownstreamClient client;

    /** A client, not yet started, for demo tools that log their calls to {@code callLog}. */
    protected abstract DownstreamClient newClient(Path callLog) throws Exception;

    @BeforeEach
    void startClient() throws Exception {
        callLog = temp.resolve("calls.log");
        client = newClient(callLog);
        loop.await(client::start);
    }

    @AfterEach
    void stop() {
        loop.await(client::close);
        loop.close();
    }

    @Test
    void shouldCompleteTheHandshakeWithTheServersInitializeResult() {
        assertThat(client.initializeResult().getJsonObject("serverInfo").getString("name")).startsWith("mcpgw-demo");
        assertThat(client.initializeResult().getJsonObject("capabilities").containsKey("tools")).isTrue();
    }

    @Test
    void shouldFallBackToTheInitializeHandshakeWithAServerThatDoesNotDiscover() {
        assertThat(client.protocolVersion()).isEqualTo("2025-11-25");
    }

    @Test
    void shouldListTheServersTools() {
        JsonObject result = loop.await(() -> client.request("tools/list", null));

        assertThat(result.getJsonArray("tools").stream().map(t -> ((JsonObject) t).getString("name")))
                .containsExactlyInAnyOrder("echo", "add", "delete_file", "count_slowly");
    }

    @Test
    void shouldCallAToolAndReturnItsResult() {
        JsonObject params = new JsonObject().put("name", "add").put("arguments", new JsonObject().put("a", 1).put("b", 2));

        JsonObject result = loop.await(() -> client.request("tools/call", params));

        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("3.0");
        assertThat(McpPeers.callsReceived(callLog)).hasSize(1);
    }

    @Test
    void shouldRelayTheServersJsonRpcErrorUnchanged() {
        assertThatThrownBy(() -> loop.await(() -> client.request("no/such/method", new JsonObject())))
                .isInstanceOf(RpcException.class)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND));
    }

    @Test
    void shouldFailRequestsAsUnavailableOnceClosed() {
        loop.await(client::close);

        assertThatThrownBy(() -> loop.await(() -> client.request("tools/list", null)))
                .isInstanceOf(RpcException.class)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCodes.DOWNSTREAM_UNAVAILABLE));
    }
}
