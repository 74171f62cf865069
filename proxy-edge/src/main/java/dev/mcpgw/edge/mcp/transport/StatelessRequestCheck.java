package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.LoggingLevels;
import dev.mcpgw.edge.mcp.McpHeaders;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a 2026-07-28 request must satisfy before any method runs: its revision named in the
 * {@code MCP-Protocol-Version} header and in {@code _meta}, alike and spoken by the gateway; its
 * client capabilities declared; {@code Mcp-Method} mirroring the method, and {@code Mcp-Name}
 * the name or URI of tools/call, prompts/get and resources/read (decoded from the Base64
 * sentinel first). A header mismatch matters to a gateway above all: the policy decides on the
 * body, so a header that says otherwise could mislead whatever routes or logs by headers.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#server-validation">Server Validation</a>
 */
final class StatelessRequestCheck {
    /** Why a request is refused: the HTTP status and the JSON-RPC error. */
    record Refusal(int status, RpcException error) {
    }

    private StatelessRequestCheck() {
    }

    static Optional<Refusal> check(MultiMap headers, JsonObject request, Predicate<String> handled) {
        String version = headers.get(McpHeaders.PROTOCOL_VERSION);
        String declared = ProtocolVersions.declaredBy(request);
        if (version == null) {
            return mismatch("the MCP-Protocol-Version header is required");
        }
        if (declared != null && !declared.equals(version)) {
            return mismatch("MCP-Protocol-Version header " + version + " does not match _meta " + MetaKeys.PROTOCOL_VERSION + " " + declared);
        }
        if (!ProtocolVersions.isStateless(version)) {
            return Optional.of(new Refusal(400, new RpcException(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
                    "Unsupported protocol version: " + version + "; supported: " + String.join(", ", ProtocolVersions.ALL),
                    new JsonObject().put("supported", new JsonArray(ProtocolVersions.ALL)).put("requested", version))));
        }
        if (declared == null || !(meta(request).getValue(MetaKeys.CLIENT_CAPABILITIES) instanceof JsonObject)) {
            return Optional.of(new Refusal(400, new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: a " + version
                    + " request names its revision and its client capabilities in params._meta (" + MetaKeys.PROTOCOL_VERSION
                    + ", " + MetaKeys.CLIENT_CAPABILITIES + ")")));
        }
        // Forwarded to tool servers as it is: a value that is not one of MCP's levels stops here, unechoed.
        Object logLevel = meta(request).getValue(MetaKeys.LOG_LEVEL);
        if (logLevel != null && !(logLevel instanceof String level && LoggingLevels.isLevel(level))) {
            return Optional.of(new Refusal(400, new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: params._meta "
                    + MetaKeys.LOG_LEVEL + " must be one of MCP's log levels (debug, info, notice, warning, error, critical, alert, emergency)")));
        }
        String method = request.getString("method");
        String methodHeader = headers.get(McpHeaders.METHOD);
        if (!method.equals(methodHeader)) {
            return mismatch(methodHeader == null ? "the Mcp-Method header is required"
                    : "Mcp-Method header " + methodHeader + " does not match the method " + method);
        }
        if (!handled.test(method)) {
            return Optional.of(new Refusal(404, new RpcException(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + method)));
        }
        return checkName(headers.get(McpHeaders.NAME), request, method);
    }

    private static Optional<Refusal> checkName(String header, JsonObject request, String method) {
        String source = McpHeaders.NAME_SOURCES.get(method);
        if (source == null) {
            return Optional.empty();
        }
        if (header == null) {
            return mismatch("the Mcp-Name header is required for " + method);
        }
        Optional<String> name = McpHeaders.decode(header);
        if (name.isEmpty()) {
            return mismatch("the Mcp-Name header is malformed");
        }
        Object body = request.getJsonObject("params").getValue(source);
        if (!name.get().equals(body)) {
            return mismatch("Mcp-Name header " + name.get() + " does not match params." + source + " " + body);
        }
        return Optional.empty();
    }

    /** The request's {@code _meta}; present once its revision was found there. */
    static JsonObject meta(JsonObject request) {
        return request.getJsonObject("params").getJsonObject("_meta");
    }

    private static Optional<Refusal> mismatch(String why) {
        return Optional.of(new Refusal(400, new RpcException(ErrorCodes.HEADER_MISMATCH, "Header mismatch: " + why)));
    }
}
