package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.GatewayImplementation;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How the gateway opens a session with a tool server, the same for every transport: it finds the
 * server's era by asking {@code server/discover} (the 2026-07-28 way), and falls back to the
 * initialize handshake when the server does not answer it with 2026-07-28 among its versions. A
 * configured protocol skips the question.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning#backward-compatibility-with-initialization-based-versions">Backward compatibility</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#initialization">Lifecycle, Initialization</a>
 */
final class Handshake {
    /** A session-era server may never answer a request before initialize, so the question is not left open long. */
    static final Duration DISCOVER_PROBE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * A session-era server asks only what the session declared it may, once for all the clients
     * sharing it: so the gateway declares everything a client may be asked that the server's config
     * lets it ask, and refuses per call what the calling client did not declare itself.
     */
    private static final JsonObject ASKABLE = new JsonObject()
            .put("elicitation", new JsonObject().put("form", new JsonObject()).put("url", new JsonObject()))
            .put("sampling", new JsonObject())
            .put("roots", new JsonObject());

    /** What the server said about itself (capabilities, serverInfo) and the revision now spoken with it. */
    record Opened(JsonObject description, String protocolVersion) {
    }

    private Handshake() {
    }

    static Future<Opened> open(JsonRpcDownstream client, String protocol) {
        if (protocol != null && !ProtocolVersions.ALL.contains(protocol)) {
            return Future.failedFuture(new IllegalArgumentException("tool server " + client.name() + ": protocol " + protocol
                    + " is not one the gateway speaks (" + String.join(", ", ProtocolVersions.ALL) + ")"));
        }
        if (protocol == null) {
            return discover(client, DISCOVER_PROBE_TIMEOUT).recover(notStateless -> initialize(client, ProtocolVersions.LATEST_SESSION_ERA));
        }
        if (ProtocolVersions.isStateless(protocol)) {
            return discover(client, client.requestTimeout());
        }
        return initialize(client, protocol);
    }

    /**
     * The session-era revision a server that offers 2026-07-28 also speaks, when it is dual-era:
     * it answers {@code server/discover} with 2026-07-28, and {@code initialize} too, with a
     * session-era revision the gateway speaks. {@code server/discover} alone cannot tell, being a
     * 2026 method: real dual-era servers list only 2026-07-28 in its {@code supportedVersions}.
     * Empty for any other server, or when either question fails.
     *
     * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning#backward-compatibility-with-initialization-based-versions">Backward compatibility</a>
     */
    static Future<Optional<String>> sessionRevisionBeside2026(JsonRpcDownstream client) {
        return discover(client, DISCOVER_PROBE_TIMEOUT)
                .compose(stateless -> initialize(client, ProtocolVersions.LATEST_SESSION_ERA))
                .map(session -> Optional.of(session.protocolVersion()).filter(ProtocolVersions.SESSION_ERA::contains))
                .otherwise(Optional.empty());
    }

    private static Future<Opened> discover(JsonRpcDownstream client, Duration timeout) {
        return client.requestAs(ProtocolVersions.V2026_07_28, McpMethods.DISCOVER, null, timeout).compose(result -> {
            if (!result.getJsonArray("supportedVersions", new JsonArray()).contains(ProtocolVersions.V2026_07_28)) {
                return Future.failedFuture(new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + client.name()
                        + " does not offer " + ProtocolVersions.V2026_07_28 + ", only " + result.getJsonArray("supportedVersions")));
            }
            return Future.succeededFuture(new Opened(result, ProtocolVersions.V2026_07_28));
        });
    }

    private static JsonObject askable(Set<String> mayAsk) {
        JsonObject declared = ASKABLE.copy();
        declared.fieldNames().retainAll(mayAsk);
        return declared;
    }

    private static Future<Opened> initialize(JsonRpcDownstream client, String version) {
        JsonObject params = new JsonObject()
                .put("protocolVersion", version)
                .put("capabilities", askable(client.spec.clientRequests()))
                .put("clientInfo", GatewayImplementation.info());
        return client.requestAs(version, McpMethods.INITIALIZE, params, client.requestTimeout()).map(result -> {
            client.notify(McpMethods.INITIALIZED, null);
            return new Opened(result, result.getString("protocolVersion", version));
        });
    }
}
