package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.downstream.DownstreamClient;
import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.downstream.Forwarder;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.RequestKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A request about one listed item goes to the server that listed it, under that server's own key:
 * {@code prompts/get} by prompt name, {@code resources/read|subscribe|unsubscribe} by URI (a URI
 * no server listed goes to the server whose resource template matches it, else to the first server
 * with resources). An unknown prompt name is invalid params. Each is decided by policy first, as
 * its kind of request ({@link PolicyGate}), except resources/unsubscribe, which only gives access up.
 * Most are forwarded as they are; a resource subscription is the gateway's own with the server,
 * shared by every client that needs it, so a client's subscribe makes sure of it and its
 * unsubscribe is answered by the gateway (the transport keeps count of who needs what).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/resources#reading-resources">Resources, Reading resources</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/prompts#getting-a-prompt">Prompts, Getting a prompt</a>
 */
public final class RoutedHandler implements MethodHandler {
    private final Catalog.Kind kind;
    private final BiFunction<String, Era, Optional<Catalog.Entry>> lookup;
    private final DownstreamRouter router;
    private final Pick pick;
    private final Send send;
    private final Optional<Decided> decided;

    /** What reaches the server once the request is routed (and allowed): the server, the call, the server's key, the params to send. */
    @FunctionalInterface
    public interface Send {
        Future<JsonObject> send(DownstreamClient server, McpCall call, String target, JsonObject params, ClientRequests asker);

        /** The request forwarded as it is. */
        static Send forwarding(Forwarder forwarder) {
            return (server, call, target, params, asker) ->
                    forwarder.forward(server, call.method(), params, call.notifications(), call.cancellation(), asker);
        }

        /** The gateway's subscription to the resource made sure of, answered when the server has it. */
        static Send subscribing() {
            return (server, call, target, params, asker) -> server.subscribeResource(target).map(v -> new JsonObject());
        }

        /** Answered by the gateway alone. */
        static Send answered() {
            return (server, call, target, params, asker) -> Future.succeededFuture(new JsonObject());
        }
    }

    /** Which of a server's connections a client's request goes to (they differ only for a dual-era server's halves). */
    @FunctionalInterface
    public interface Pick {
        DownstreamClient of(DownstreamRouter router, String server, Era era);

        /** The half of the client's era. */
        Pick ERA_HALF = DownstreamRouter::client;

        /** The half that reports the resource's updates (see {@link DownstreamRouter#reporting}). */
        Pick REPORTING = (router, server, era) -> router.client(router.reporting(server, era));
    }

    /** How a request is proposed: as which kind, through which gate. */
    private record Decided(RequestKind kind, PolicyGate gate) {
    }

    private RoutedHandler(Catalog.Kind kind, BiFunction<String, Era, Optional<Catalog.Entry>> lookup, DownstreamRouter router, Pick pick,
                          Send send, Optional<Decided> decided) {
        this.kind = kind;
        this.lookup = lookup;
        this.router = router;
        this.pick = pick;
        this.send = send;
        this.decided = decided;
    }

    /** Routes by the {@code kind}'s key field, finding the item with {@code lookup}, once {@code gate} allows it as a {@code request}. */
    public static RoutedHandler decided(Catalog.Kind kind, BiFunction<String, Era, Optional<Catalog.Entry>> lookup, DownstreamRouter router,
                                        Pick pick, Send send, RequestKind request, PolicyGate gate) {
        return new RoutedHandler(kind, lookup, router, pick, send, Optional.of(new Decided(request, gate)));
    }

    /** Routes without asking the policy: for a request that can only take access away. */
    public static RoutedHandler undecided(Catalog.Kind kind, BiFunction<String, Era, Optional<Catalog.Entry>> lookup, DownstreamRouter router,
                                          Pick pick, Send send) {
        return new RoutedHandler(kind, lookup, router, pick, send, Optional.empty());
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        String keyField = kind.keyField();
        if (!(call.paramsOrEmpty().getValue(keyField) instanceof String key)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: " + call.method() + " needs " + keyField);
        }
        if (call.paramsOrEmpty().containsKey("arguments") && !(call.params().getValue("arguments") instanceof JsonObject)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: arguments must be an object");
        }
        Optional<Catalog.Entry> listed = lookup.apply(key, call.era());
        if (listed.isPresent()) {
            return send(call, pick.of(router, listed.get().server(), call.era()), listed.get().name(), call.params().copy().put(keyField, listed.get().name()));
        }
        if (kind.namespaced()) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Unknown " + keyField + ": " + key);
        }
        DownstreamClient fallback = router.firstWithCapability(kind.capability(), call.era())
                .map(first -> pick.of(router, first.name(), call.era()))
                .orElseThrow(() -> new RpcException(ErrorCodes.RESOURCE_NOT_FOUND, "Resource not found: " + key));
        return send(call, fallback, key, call.params());
    }

    private Future<JsonObject> send(McpCall call, DownstreamClient server, String target, JsonObject params) {
        if (decided.isEmpty()) {
            return send.send(server, call, target, params, call.client());
        }
        return decided.get().gate().pass(call, decided.get().kind(), server.name(), target, arguments(params, target),
                asker -> send.send(server, call, target, params, asker));
    }

    /** What the policy's argument constraints see: a prompt's arguments, a resource's URI as {@code uri}. */
    private JsonObject arguments(JsonObject params, String target) {
        return kind.keyField().equals("uri") ? new JsonObject().put("uri", target)
                : params.getValue("arguments") instanceof JsonObject arguments ? arguments : new JsonObject();
    }
}
