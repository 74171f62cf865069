package dev.mcpgw.kafka.trace;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute keys of the gateway's spans: OpenTelemetry's MCP, GenAI, JSON-RPC and messaging
 * semantic conventions where they name the thing, and the gateway's own ({@code mcpgw.*}) for the
 * decision and its receipt, shared by the edge and the decision stream so that both name them alike.
 *
 * @see <a href="https://opentelemetry.io/docs/specs/semconv/gen-ai/mcp/">Semantic conventions for MCP</a>
 */
public final class SpanAttributes {
    public static final AttributeKey<String> MCP_METHOD_NAME = AttributeKey.stringKey("mcp.method.name");
    public static final AttributeKey<String> MCP_PROTOCOL_VERSION = AttributeKey.stringKey("mcp.protocol.version");
    public static final AttributeKey<String> MCP_SESSION_ID = AttributeKey.stringKey("mcp.session.id");
    public static final AttributeKey<String> GEN_AI_TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> GEN_AI_OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> JSONRPC_REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");
    public static final AttributeKey<String> RPC_RESPONSE_STATUS_CODE = AttributeKey.stringKey("rpc.response.status_code");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");

    public static final AttributeKey<String> INTENT_ID = AttributeKey.stringKey("mcpgw.intent.id");
    public static final AttributeKey<String> SERVER = AttributeKey.stringKey("mcpgw.server");
    public static final AttributeKey<String> EFFECT = AttributeKey.stringKey("mcpgw.decision.effect");
    public static final AttributeKey<List<String>> RULES = AttributeKey.stringArrayKey("mcpgw.decision.rules");
    public static final AttributeKey<String> POLICY_VERSION = AttributeKey.stringKey("mcpgw.policy.version");
    public static final AttributeKey<String> RECEIPT_CHAIN = AttributeKey.stringKey("mcpgw.receipt.chain");
    public static final AttributeKey<Long> RECEIPT_SEQUENCE = AttributeKey.longKey("mcpgw.receipt.sequence");
    public static final AttributeKey<String> OUTCOME_STATUS = AttributeKey.stringKey("mcpgw.outcome.status");

    /** {@code gen_ai.operation.name} of a tools/call. */
    public static final String EXECUTE_TOOL = "execute_tool";

    private SpanAttributes() {
    }
}
