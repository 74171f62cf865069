package dev.mcpgw.sink.siem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgw.schemas.CallOutcome;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.RequestKind;
import java.io.IOException;

/**
 * A receipt as an OCSF 1.3.0 API Activity event (class 6003, category 6 Application Activity),
 * with the Security Control profile's action, disposition and policy: the form Splunk, Elastic and
 * Sentinel connectors take. Every request is activity 99 (Other), named by its MCP method
 * ("tools/call", "prompts/get", "resources/read", ...); its outcome receipt is named "tools/call outcome" and so on. {@code metadata.uid} is the receipt hash, so a consumer can
 * drop an event delivered twice; {@code metadata.correlation_uid} is the intent id, shared by a
 * call's decision and outcome events; the receipt's own fields ride in {@code unmapped}.
 */
public final class OcsfApiActivity {
    static final String OCSF_VERSION = "1.3.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLASS_UID = 6003;
    private static final int ACTIVITY_OTHER = 99;

    private OcsfApiActivity() {
    }

    /** The MCP method of each request kind an intent can be. */
    private static String method(RequestKind kind) {
        return switch (kind) {
            case TOOL_CALL -> "tools/call";
            case PROMPT_GET -> "prompts/get";
            case RESOURCE_READ -> "resources/read";
            case RESOURCE_SUBSCRIBE -> "resources/subscribe";
            case COMPLETION -> "completion/complete";
        };
    }

    /** What {@code intent.tool} names for each request kind. */
    private static String resourceType(RequestKind kind) {
        return switch (kind) {
            case TOOL_CALL -> "MCP tool";
            case PROMPT_GET -> "MCP prompt";
            case RESOURCE_READ, RESOURCE_SUBSCRIBE -> "MCP resource";
            case COMPLETION -> "MCP completion reference";
        };
    }

    public static ObjectNode of(Receipt receipt, String productVersion) {
        Intent intent = receipt.getIntent();
        CallOutcome outcome = receipt.getOutcome();
        String method = method(intent.getKind());
        ObjectNode event = JSON.createObjectNode()
                .put("class_uid", CLASS_UID)
                .put("class_name", "API Activity")
                .put("category_uid", 6)
                .put("category_name", "Application Activity")
                .put("activity_id", ACTIVITY_OTHER)
                .put("activity_name", outcome == null ? method : method + " outcome")
                .put("type_uid", CLASS_UID * 100 + ACTIVITY_OTHER)
                .put("type_name", "API Activity: Other")
                .put("time", receipt.getTime())
                .put("message", message(receipt));
        Verdict verdict = outcome == null ? Verdict.of(receipt.getEffect()) : Verdict.of(outcome.getStatus());
        verdict.writeTo(event);
        event.put("status_detail", outcome == null ? String.join("; ", receipt.getReasons()) : outcome.getError());
        if (outcome != null) {
            event.put("duration", outcome.getDurationMs());
            event.put("end_time", outcome.getFinishedAt());
        }
        ObjectNode actor = event.putObject("actor");
        ObjectNode user = actor.putObject("user").put("uid", intent.getAgent().getId()).put("name", intent.getAgent().getId());
        intent.getAgent().getGroups().forEach(group -> user.withArray("groups").addObject().put("name", group));
        actor.put("app_name", "mcpgw");
        ObjectNode api = event.putObject("api").put("operation", method).put("version", intent.getProtocolVersion());
        api.putObject("service").put("name", intent.getServer());
        api.putObject("request").put("uid", intent.getIntentId()).set("data", arguments(intent));
        if (outcome != null) {
            api.putObject("response").put("error", outcome.getError()).put("message", outcome.getStatus().name());
        }
        event.putArray("resources").addObject().put("name", intent.getTool()).put("type", resourceType(intent.getKind()))
                .put("uid", intent.getServer() + "/" + intent.getTool());
        String sourceIp = intent.getContext().get("sourceIp");
        if (sourceIp != null) {
            event.putObject("src_endpoint").put("ip", sourceIp);
        }
        String userAgent = intent.getContext().get("userAgent");
        if (userAgent != null) {
            event.putObject("http_request").put("user_agent", userAgent);
        }
        event.putObject("policy").put("uid", receipt.getPolicyVersion()).put("name", "mcpgw policy")
                .put("desc", "matched rules: " + String.join(", ", receipt.getMatchedRules()));
        ObjectNode metadata = event.putObject("metadata").put("version", OCSF_VERSION)
                .put("uid", receipt.getHash())
                .put("correlation_uid", intent.getIntentId())
                .put("log_name", "gateway.receipt")
                .put("sequence", receipt.getSequence());
        metadata.putObject("product").put("name", "mcp-authorization-gateway").put("vendor_name", "mcpgw").put("version", productVersion);
        metadata.putArray("profiles").add("security_control");
        event.putObject("unmapped").set("receipt", unmapped(receipt));
        return event;
    }

    private static String message(Receipt receipt) {
        Intent intent = receipt.getIntent();
        String call = intent.getAgent().getId() + " called " + intent.getServer() + "/" + intent.getTool();
        return receipt.getOutcome() == null ? call + ": " + receipt.getEffect() : call + ": " + receipt.getOutcome().getStatus();
    }

    private static JsonNode arguments(Intent intent) {
        try {
            return JSON.readTree(intent.getArgumentsJson());
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(intent.getArgumentsJson());
        }
    }

    private static ObjectNode unmapped(Receipt receipt) {
        ObjectNode fields = JSON.createObjectNode()
                .put("kind", receipt.getKind().name())
                .put("chain", receipt.getChain())
                .put("sequence", receipt.getSequence())
                .put("hash", receipt.getHash())
                .put("previous_hash", receipt.getPreviousHash())
                .put("key_id", receipt.getKeyId())
                .put("effect", receipt.getEffect().name());
        receipt.getMatchedRules().forEach(rule -> fields.withArray("matched_rules").add(rule));
        CallOutcome outcome = receipt.getOutcome();
        if (outcome != null) {
            fields.put("result_digest", outcome.getResultDigest());
            fields.putObject("decision_receipt").put("chain", outcome.getDecisionReceipt().getChain())
                    .put("sequence", outcome.getDecisionReceipt().getSequence())
                    .put("hash", outcome.getDecisionReceipt().getHash());
        }
        return fields;
    }

    /** OCSF's status, severity, action and disposition for a decision or an outcome. */
    private record Verdict(int statusId, String status, int severityId, String severity, int actionId, String action,
                           int dispositionId, String disposition) {

        static Verdict of(Effect effect) {
            return switch (effect) {
                case ALLOW -> new Verdict(1, "Success", 1, "Informational", 1, "Allowed", 1, "Allowed");
                case DENY -> new Verdict(2, "Failure", 3, "Medium", 2, "Denied", 2, "Blocked");
                // Held for a human: not run, not refused for good.
                case REVIEW -> new Verdict(99, "Pending review", 2, "Low", 99, "Review", 99, "Pending review");
            };
        }

        static Verdict of(OutcomeStatus status) {
            return switch (status) {
                case EXECUTED -> new Verdict(1, "Success", 1, "Informational", 1, "Allowed", 1, "Allowed");
                case FAILED -> new Verdict(2, "Failure", 2, "Low", 1, "Allowed", 1, "Allowed");
                case CANCELLED -> new Verdict(99, "Cancelled", 1, "Informational", 1, "Allowed", 1, "Allowed");
                // A round of a multi round-trip call: the server waits for the client's input, the call goes on in its retry.
                case INPUT_REQUIRED -> new Verdict(99, "Input required", 1, "Informational", 1, "Allowed", 1, "Allowed");
            };
        }

        void writeTo(ObjectNode event) {
            event.put("status_id", statusId).put("status", status)
                    .put("severity_id", severityId).put("severity", severity)
                    .put("action_id", actionId).put("action", action)
                    .put("disposition_id", dispositionId).put("disposition", disposition);
        }
    }
}
