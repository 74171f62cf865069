package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.trace.DownstreamTrace;
import dev.mcpgw.edge.trace.EdgeTracing;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Sends a client's request on to a tool server, with its progress (if asked for) and its log
 * messages routed back to the client's stream, the client's cancellation passed on, and the
 * client itself ({@code asker}): what the server asks it meanwhile (a session-era server's
 * requests) goes to it, and a 2026-07-28 server is told its capabilities and log level (see
 * {@link RequestEnvelope}); what it asks reaches the client marked with its name (see
 * {@link ServerQuestions}), and the client's answers to it (a 2026 retry's {@code inputResponses})
 * carry no credential (see {@link CredentialsInAnswers}). The server gets of the request only what MCP defines for it and what its
 * config lets through (see {@link ClientParams}). Each request is traced under the span current when
 * it is sent (see {@link DownstreamTrace}).
 */
public final class Forwarder {
    private final ProgressRelay progress;
    private final EdgeTracing tracing;
    private final Map<String, Set<String>> passedMeta;
    private final Map<String, ServerQuestions> questions;

    public Forwarder(ProgressRelay progress, EdgeTracing tracing, List<DownstreamSpec> servers) {
        this.progress = progress;
        this.tracing = tracing;
        this.passedMeta = servers.stream().collect(Collectors.toUnmodifiableMap(DownstreamSpec::name, DownstreamSpec::forwardMeta));
        this.questions = servers.stream().collect(Collectors.toUnmodifiableMap(DownstreamSpec::name,
                server -> new ServerQuestions(server.name(), server.clientRequests())));
    }

    public Future<JsonObject> forward(DownstreamClient client, String method, JsonObject params,
                                      Consumer<JsonObject> stream, Cancellation cancellation, ClientRequests asker) {
        JsonObject forwarded = ClientParams.forServer(method, params, passedMeta.getOrDefault(client.name(), Set.of()));
        Optional<RpcException> credential = CredentialsInAnswers.refusal(client.name(), forwarded.getValue("inputResponses"), ErrorCodes.INVALID_PARAMS);
        if (credential.isPresent()) {
            return Future.failedFuture(credential.get());
        }
        DownstreamTrace trace = DownstreamTrace.start(tracing, client.name(), client.protocolVersion(), method, forwarded);
        Consumer<JsonObject> relayed = stream == null ? null : notification -> stream.accept(ServerAnswers.notificationWithoutGatewayMeta(notification));
        String token = progress.register(client.name(), forwarded, relayed);
        ServerQuestions configured = questions.get(client.name());
        ServerQuestions asked = configured != null ? configured : new ServerQuestions(client.name(), Set.of());
        return client.request(method, forwarded, relayed, cancellation, asked.asking(asker))
                .map(ServerAnswers::withoutGatewayMeta).map(asked::withMarkedInputRequests)
                .onComplete(r -> progress.release(token)).onComplete(trace::ended);
    }
}
