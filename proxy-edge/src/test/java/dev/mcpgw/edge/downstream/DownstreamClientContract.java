package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.testsupport.McpPeers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every downstream client must do against a real MCP server, whatever the transport. Each
 * transport's test supplies the client, talking to the demo tools over that transport.
 */
@Timeout(60)
abstract class DownstreamClientContract {
    protected final Vertx vertx = Vertx.vertx();
    protected final Context context = vertx.getOrCreateContext();
    protected Path callLog;
    private DownstreamClient client;

    /** A client, not yet started, for demo tools that log their calls to {@code callLog}. */
    protected abstract DownstreamClient newClient(Path callLog) throws Exception;

    @BeforeEach
    void startClient() throws Exception {
        callLog = Files.createTempDirectory("downstream").resolve("calls.log");
        client = newClient(callLog);
        onContext(client::start);
    }

    @AfterEach
    void stop() {
        onContext(client::close);
        vertx.close().await();
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
        JsonObject result = onContext(() -> client.request("tools/list", null));

        assertThat(result.getJsonArray("tools").stream().map(t -> ((JsonObject) t).getString("name")))
                .containsExactlyInAnyOrder("echo", "add", "delete_file", "count_slowly");
    }

    @Test
    void shouldCallAToolAndReturnItsResult() {
        JsonObject params = new JsonObject().put("name", "add").put("arguments", new JsonObject().put("a", 1).put("b", 2));

        JsonObject result = onContext(() -> client.request("tools/call", params));

        assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("3.0");
        assertThat(McpPeers.callsReceived(callLog)).hasSize(1);
    }

    @Test
    void shouldRelayTheServersJsonRpcErrorUnchanged() {
        assertThatThrownBy(() -> onContext(() -> client.request("no/such/method", new JsonObject())))
                .isInstanceOf(RpcException.class)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND));
    }

    @Test
    void shouldFailRequestsAsUnavailableOnceClosed() {
        onContext(client::close);

        assertThatThrownBy(() -> onContext(() -> client.request("tools/list", null)))
                .isInstanceOf(RpcException.class)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCodes.DOWNSTREAM_UNAVAILABLE));
    }

    /** Runs an action on the client's context and waits for its result. */
    protected <T> T onContext(Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(promise));
        return promise.future().await();
    }
}
