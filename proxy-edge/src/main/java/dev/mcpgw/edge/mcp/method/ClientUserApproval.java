package dev.mcpgw.edge.mcp.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.kafka.VerdictPublisher;
import dev.mcpgw.kafka.trace.IntentLogFields;
import dev.mcpgw.policy.scan.ContentScanner;
import dev.mcpgw.policy.scan.Detector;
import dev.mcpgw.policy.scan.Finding;
import dev.mcpgw.policy.scan.Redaction;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Intent;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the calling client's own user, through MCP elicitation, to approve its call held for review,
 * when the review's rule allows it (the REVIEW decision says askCallingUser) and the client declared
 * elicitation. The answer becomes a verdict sealed as the review service seals one, on channel
 * {@code elicitation} by {@code client-user:<agent id>}; the decision stream applies it only where
 * the rule allowed it. Accept with "approve" approves; accept with "deny", or decline, denies: the
 * user said no. Cancel, an error, an answer that is not one of these, or none: no verdict, and the
 * review waits on for other approvers and its deadline. An answer after the review ended is dropped.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation">Elicitation</a>
 */
final class ClientUserApproval {
    static final String CHANNEL = "elicitation";
    static final String METHOD = "elicitation/create";
    private static final int MAX_SHOWN_ARGUMENTS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(ClientUserApproval.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VerdictPublisher publisher;
    private final Clock clock;

    /** {@code publisher} null: this edge holds no verdict key, and asks no client's user. */
    ClientUserApproval(VerdictPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Asks, if the review and the client allow it; {@code ended} completes when the review's final decision came. */
    void askIfAllowed(McpCall call, Intent intent, Decision review, Future<Decision> ended) {
        if (publisher == null || !Boolean.TRUE.equals(review.getAskCallingUser()) || call.client().refusal(METHOD).isPresent()) {
            return;
        }
        Context traced = Context.current();
        call.client().send(METHOD, request(intent, review))
                .onSuccess(answer -> verdictOf(answer).ifPresentOrElse(
                        approved -> publishUnlessEnded(intent, approved, ended, traced),
                        () -> log(intent, traced, () -> LOG.info("review {}: the client's user gave no verdict (cancelled, or an answer the form does not offer)",
                                intent.getIntentId()))))
                .onFailure(e -> log(intent, traced,
                        () -> LOG.info("review {}: the client did not answer the approval request: {}", intent.getIntentId(), e.getMessage())));
    }

    private static void log(Intent intent, Context traced, Runnable line) {
        try (IntentLogFields fields = IntentLogFields.of(intent, traced)) {
            line.run();
        }
    }

    /** True to approve, false to deny, empty for no verdict. Never throws, whatever the client sent. */
    static Optional<Boolean> verdictOf(JsonObject answer) {
        Object action = answer == null ? null : answer.getValue("action");
        if ("decline".equals(action)) {
            return Optional.of(false);
        }
        if ("accept".equals(action) && answer.getValue("content") instanceof JsonObject content) {
            Object decision = content.getValue("decision");
            return "approve".equals(decision) ? Optional.of(true) : "deny".equals(decision) ? Optional.of(false) : Optional.empty();
        }
        return Optional.empty();
    }

    private void publishUnlessEnded(Intent intent, boolean approved, Future<Decision> ended, Context traced) {
        if (ended.isComplete()) {
            return;
        }
        String agent = intent.getAgent().getId();
        publisher.publish(new VerdictPublisher.Answer(intent.getIntentId(), agent, approved, "client-user:" + agent, List.of(), null,
                        CHANNEL, clock.millis()))
                .whenComplete((verdict, failure) -> {
                    if (failure != null) {
                        log(intent, traced, () -> LOG.warn("review {}: could not record the client's user's verdict", intent.getIntentId(), failure));
                    }
                });
    }

    private static JsonObject request(Intent intent, Decision review) {
        String message = message(intent, review.getReasons(), review.getReceipt().getChain() + "/" + review.getReceipt().getSequence());
        JsonObject decision = new JsonObject().put("type", "string").put("title", "Your decision")
                .put("description", "approve runs the call once; deny refuses it")
                .put("enum", new JsonArray().add("approve").add("deny"));
        return new JsonObject().put("message", message).put("requestedSchema", new JsonObject().put("type", "object")
                .put("properties", new JsonObject().put("decision", decision)).put("required", new JsonArray().add("decision")));
    }

    /**
     * What the user reads. The tool's name is the tool server's, so it is shown as a JSON string:
     * a name with line breaks cannot add lines of its own to the gateway's message.
     */
    static String message(Intent intent, List<String> reasons, String receipt) {
        return "Approve this tool call?\n\nAgent " + intent.getAgent().getId() + " asks to call tool " + Json.encode(intent.getTool())
                + " on server " + intent.getServer() + " with arguments " + shownArguments(intent.getArgumentsJson())
                + "\n\nA rule holds it for review (" + String.join("; ", reasons) + "). Your answer is recorded as your verdict"
                + " (review " + intent.getIntentId() + ", receipt " + receipt + "); approving runs this exact call once.";
    }

    /** The arguments with what the secrets detector finds redacted, as a receipt would show them, cut short when long. */
    private static String shownArguments(String argumentsJson) {
        String shown;
        try {
            JsonNode arguments = JSON.readTree(argumentsJson);
            List<Finding> secrets = ContentScanner.scan(arguments, List.of(Detector.SECRETS));
            shown = JSON.writeValueAsString(Redaction.apply(arguments, secrets.stream().map(Finding::place).toList()));
        } catch (IOException | RuntimeException e) {
            shown = "\"" + Redaction.MARK + "\"";
        }
        return shown.length() <= MAX_SHOWN_ARGUMENTS ? shown : shown.substring(0, MAX_SHOWN_ARGUMENTS) + "…";
    }
}
