package dev.mcpgw.edge.mcp.method;

import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.downstream.DownstreamClient;
import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.downstream.Forwarder;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.RequestKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * {@code completion/complete} goes to the server that owns what is being completed: a prompt (by
 * its exposed name, sent on under the server's own) or a resource template (by its URI template).
 * When the reference is unknown and only one server offers completions, it goes there unchanged,
 * so a single fronted server answers as it would alone. Each is decided by policy first
 * ({@link PolicyGate}) as a completion of that prompt or template, its arguments the request's
 * {@code ref}, {@code argument} and {@code context}.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/completion">Completion</a>
 */
public final class CompletionHandler implements MethodHandler {
    private static final String CAPABILITY = "completions";
    private final Catalog prompts;
    private final Catalog resourceTemplates;
    private final DownstreamRouter router;
    private final Forwarder forwarder;
    private final PolicyGate gate;

    public CompletionHandler(Catalog prompts, Catalog resourceTemplates, DownstreamRouter router, Forwarder forwarder, PolicyGate gate) {
        this.prompts = prompts;
        this.resourceTemplates = resourceTemplates;
        this.router = router;
        this.forwarder = forwarder;
        this.gate = gate;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        if (!(call.paramsOrEmpty().getValue("ref") instanceof JsonObject ref) || !(ref.getValue("type") instanceof String type)) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: completion/complete needs a ref with a type");
        }
        String keyField = switch (type) {
            case "ref/prompt" -> "name";
            case "ref/resource" -> "uri";
            default -> throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: unknown ref type " + type);
        };
        Catalog catalog = keyField.equals("name") ? prompts : resourceTemplates;
        String key = ref.getValue(keyField) instanceof String s ? s : "";
        Optional<Catalog.Entry> owner = catalog.lookup(key, call.era());
        if (owner.isPresent()) {
            JsonObject params = call.params().copy();
            params.put("ref", ref.copy().put(keyField, owner.get().name()));
            return forward(router.client(owner.get().server(), call.era()), owner.get().name(), params, call);
        }
        List<DownstreamClient> offering = router.allWithCapability(CAPABILITY, call.era());
        if (offering.size() == 1) {
            return forward(offering.get(0), key, call.params(), call);
        }
        throw new RpcException(ErrorCodes.INVALID_PARAMS, "Unknown " + (keyField.equals("name") ? "prompt: " : "resource template: ") + key);
    }

    private Future<JsonObject> forward(DownstreamClient client, String target, JsonObject params, McpCall call) {
        JsonObject arguments = new JsonObject();
        for (String field : List.of("ref", "argument", "context")) {
            if (params.containsKey(field)) {
                arguments.put(field, params.getValue(field));
            }
        }
        return gate.pass(call, RequestKind.COMPLETION, client.name(), target, arguments,
                asker -> forwarder.forward(client, call.method(), params, call.notifications(), call.cancellation(), asker));
    }
}
