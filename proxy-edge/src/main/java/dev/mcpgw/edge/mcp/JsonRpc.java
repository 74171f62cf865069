package dev.mcpgw.edge.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;

/**
 * JSON-RPC 2.0 framing: decoding one message, telling requests from notifications and responses,
 * and building responses.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic">MCP 2025-11-25, Base protocol</a>
 */
public final class JsonRpc {
    public static final String VERSION = "2.0";
    /** The deepest body the edge parses at all; deeper, the message cannot be read, not even its id. */
    public static final int PARSER_MAX_DEPTH = 1000;
    static final int MAX_NUMBER_DIGITS = 1000;
    /**
     * Vert.x's own settings (comments allowed), with explicit bounds: nesting and number length.
     * Names and strings are left to {@link dev.mcpgw.edge.limits.MessageLimits}, which can answer with the message's id.
     */
    private static final JsonFactory PARSER = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(PARSER_MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_DIGITS)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private JsonRpc() {
    }

    /**
     * Parses a body into a JSON value (object or array). Throws PARSE_ERROR for what is not JSON,
     * and INVALID_REQUEST for JSON past the parser's own bounds (nested more than
     * {@value #PARSER_MAX_DEPTH} levels, or a number of more than {@value #MAX_NUMBER_DIGITS}
     * digits, which costs quadratic time to read): such a body may be valid, it is just not read.
     */
    public static Object decode(Buffer body) {
        JsonParser parser;
        try {
            parser = PARSER.createParser(body.getBytes());
        } catch (IOException e) {
            // Jackson reads the first bytes to find the encoding, and refuses some it cannot name.
            throw new RpcException(ErrorCodes.PARSE_ERROR, "Parse error: body is not valid JSON in UTF-8");
        }
        try {
            return JacksonCodec.fromParser(parser, Object.class);
        } catch (DecodeException e) {
            if (parser.getParsingContext().getNestingDepth() > PARSER_MAX_DEPTH) {
                throw new RpcException(ErrorCodes.INVALID_REQUEST, "Invalid Request: the body nests objects and arrays more than "
                        + PARSER_MAX_DEPTH + " levels deep, too deep for the gateway to read");
            }
            if (e.getCause() instanceof StreamConstraintsException) {
                throw new RpcException(ErrorCodes.INVALID_REQUEST, "Invalid Request: the body holds a number of more than "
                        + MAX_NUMBER_DIGITS + " digits, too long for the gateway to read");
            }
            throw new RpcException(ErrorCodes.PARSE_ERROR, "Parse error: body is not valid JSON");
        }
    }

    /** Checks the envelope of one message; throws INVALID_REQUEST when it is not JSON-RPC 2.0. */
    public static JsonObject validate(Object message) {
        if (!(message instanceof JsonObject object)) {
            throw new RpcException(ErrorCodes.INVALID_REQUEST, "Invalid Request: a message must be a JSON object");
        }
        if (!VERSION.equals(object.getValue("jsonrpc"))) {
            throw new RpcException(ErrorCodes.INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
        }
        boolean hasMethod = object.getValue("method") instanceof String;
        boolean isResponse = object.containsKey("result") || object.containsKey("error");
        if (!hasMethod && !isResponse) {
            throw new RpcException(ErrorCodes.INVALID_REQUEST, "Invalid Request: no method");
        }
        Object id = object.getValue("id");
        if (object.containsKey("id") && !(id instanceof String || id instanceof Number)) {
            throw new RpcException(ErrorCodes.INVALID_REQUEST, "Invalid Request: id must be a string or a number");
        }
        return object;
    }

    public static boolean isRequest(JsonObject message) {
        return message.containsKey("method") && message.getValue("id") != null;
    }

    public static boolean isResponse(JsonObject message) {
        return !message.containsKey("method");
    }

    public static JsonObject result(Object id, JsonObject result) {
        return new JsonObject().put("jsonrpc", VERSION).put("id", id).put("result", result);
    }

    public static JsonObject error(Object id, RpcException error) {
        return new JsonObject().put("jsonrpc", VERSION).put("id", id).put("error", error.toErrorObject());
    }

    /** The response to a request that ended with {@code result} or {@code failure}; a failure other than an RpcException is not described to the client. */
    public static JsonObject response(Object id, JsonObject result, Throwable failure) {
        if (failure == null) {
            return result(id, result);
        }
        return error(id, failure instanceof RpcException rpc ? rpc : new RpcException(ErrorCodes.INTERNAL_ERROR, "Internal error"));
    }

    public static JsonObject request(Object id, String method, JsonObject params) {
        JsonObject request = new JsonObject().put("jsonrpc", VERSION).put("id", id).put("method", method);
        return params == null ? request : request.put("params", params);
    }

    public static JsonObject notification(String method, JsonObject params) {
        JsonObject notification = new JsonObject().put("jsonrpc", VERSION).put("method", method);
        return params == null ? notification : notification.put("params", params);
    }
}
