package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a session-era client something while one of its calls runs, as the 2025 revisions let a
 * server: a request on the call's own event stream, answered by the client in a POST of its
 * session. An answer that does not come in time fails the ask rather than hold the call forever.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server">Sending messages to the server</a>
 */
final class StreamClientRequests implements ClientRequests {
    static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    private final McpSession session;
    private final ResponseStream stream;
    private final Vertx vertx;

    StreamClientRequests(McpSession session, ResponseStream stream, Vertx vertx) {
        this.session = session;
        this.stream = stream;
        this.vertx = vertx;
    }

    @Override
    public JsonObject capabilities() {
        return session.clientCapabilities();
    }

    @Override
    public Optional<String> logLevel() {
        return Optional.of(session.logLevel());
    }

    @Override
    public Future<JsonObject> send(String method, JsonObject params) {
        var refusal = refusal(method);
        if (refusal.isPresent()) {
            return Future.failedFuture(refusal.get());
        }
        Promise<JsonObject> answer = Promise.promise();
        String requestId = session.await(answer);
        if (!stream.request(JsonRpc.request(requestId, method, params))) {
            answer.tryFail(new RpcException(ErrorCodes.INTERNAL_ERROR,
                    "the gateway cannot send " + method + " to this client: it does not take event streams"));
            return answer.future();
        }
        long timer = vertx.setTimer(ANSWER_TIMEOUT.toMillis(), t -> answer.tryFail(new RpcException(ErrorCodes.INTERNAL_ERROR,
                "the client did not answer " + method + " within " + ANSWER_TIMEOUT.toSeconds() + " s")));
        return answer.future().onComplete(r -> vertx.cancelTimer(timer));
    }
}
