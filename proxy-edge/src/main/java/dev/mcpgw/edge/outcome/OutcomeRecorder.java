package dev.mcpgw.edge.outcome;

import dev.mcpgw.edge.EdgeMetrics;
import dev.mcpgw.edge.decision.TopicPublisher;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorText;
import dev.mcpgw.edge.mcp.ResultTypes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.trace.EdgeTracing;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.kafka.trace.IntentLogFields;
import dev.mcpgw.kafka.trace.SpanAttributes;
import dev.mcpgw.schemas.CallOutcome;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Outcome;
import dev.mcpgw.schemas.OutcomeStatus;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Function;
import org.erdtman.jcs.JsonCanonicalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how each allowed call ended on gateway.outcome (executed, failed or cancelled, how long
 * it took, a digest of the result, the error if any, the requests the server sent the client), for the decision stream to chain an outcome
 * receipt after the decision receipt. The client's answer never waits for this: a call that ran
 * has run. An outcome that cannot be published is logged and counted. Publishing is traced as a
 * PRODUCER span under the call's span, named in the record's headers for the decision stream.
 */
public final class OutcomeRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);
    /** Enough of a tool's error text to say what went wrong without copying its whole output into the trail. */

    static final String WITHDRAWN = "withdrawn by the client before its decision; not forwarded";
    static final String NOT_FORWARDED = "allowed, but not forwarded: ";

    private final TopicPublisher<Outcome> publisher;
    private final Clock clock;
    private final EdgeMetrics metrics;
    private final EdgeTracing tracing;

    public OutcomeRecorder(TopicPublisher<Outcome> publisher, Clock clock, EdgeMetrics metrics, EdgeTracing tracing) {
        this.publisher = publisher;
        this.clock = clock;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /**
     * Starts the allowed call and records its outcome once it ends; the call's own result is
     * returned unchanged. The call asks {@code client} through the asker it is given, so that the
     * outcome lists what the server asked the client meanwhile, and the input requests it ended with.
     */
    public Future<JsonObject> follow(Intent intent, Decision decision, Cancellation cancellation, ClientRequests client,
                                     Function<ClientRequests, Future<JsonObject>> call) {
        long started = System.nanoTime();
        ServerRequestLog asked = new ServerRequestLog(client);
        Context traced = Context.current();
        return call.apply(asked).onComplete(result -> {
            if (result.succeeded()) {
                asked.noteInputRequests(result.result());
            }
            record(traced, intent, decision, outcome(result, cancellation.isCancelled(), CallOutcome.newBuilder()
                    .setDecisionReceipt(decision.getReceipt())
                    .setFinishedAt(clock.millis())
                    .setDurationMs((System.nanoTime() - started) / 1_000_000)
                    .setServerRequests(asked.requests())));
        });
    }

    /** Records a call the client withdrew while it waited for {@code decision}: cancelled, never forwarded. */
    public void withdrawn(Intent intent, Decision decision) {
        record(Context.current(), intent, decision, CallOutcome.newBuilder()
                .setDecisionReceipt(decision.getReceipt())
                .setFinishedAt(clock.millis())
                .setDurationMs(0)
                .setStatus(OutcomeStatus.CANCELLED)
                .setError(WITHDRAWN)
                .build());
    }

    /** Records an allowed call the gateway did not forward, and {@code why}: its tool changed while it waited for {@code decision}. */
    public void notForwarded(Intent intent, Decision decision, String why) {
        record(Context.current(), intent, decision, CallOutcome.newBuilder()
                .setDecisionReceipt(decision.getReceipt())
                .setFinishedAt(clock.millis())
                .setDurationMs(0)
                .setStatus(OutcomeStatus.CANCELLED)
                .setError(ErrorText.recorded(NOT_FORWARDED + why))
                .build());
    }

    /** How a call ended, from its result (or failure) and whether the client had cancelled it. */
    static CallOutcome outcome(AsyncResult<JsonObject> result, boolean cancelled, CallOutcome.Builder outcome) {
        if (result.succeeded()) {
            JsonObject value = result.result();
            boolean toolError = value != null && value.getBoolean("isError", false);
            boolean inputRequired = value != null && ResultTypes.INPUT_REQUIRED.equals(value.getValue("resultType"));
            return outcome.setStatus(toolError ? OutcomeStatus.FAILED : inputRequired ? OutcomeStatus.INPUT_REQUIRED : OutcomeStatus.EXECUTED)
                    .setResultDigest(digest(value))
                    .setError(toolError ? "tool error: " + firstText(value) : null)
                    .build();
        }
        if (cancelled) {
            return outcome.setStatus(OutcomeStatus.CANCELLED).setError(ErrorText.recorded(result.cause().getMessage())).build();
        }
        String error = result.cause() instanceof RpcException rpc ? rpc.code() + " " + rpc.getMessage() : result.cause().toString();
        return outcome.setStatus(OutcomeStatus.FAILED).setError(ErrorText.recorded(error)).build();
    }

    private void record(Context traced, Intent intent, Decision decision, CallOutcome outcome) {
        metrics.outcome(outcome.getStatus());
        Span span = tracing.child(traced, "send " + Topics.OUTCOME.name(), SpanKind.PRODUCER)
                .setAttribute(SpanAttributes.MESSAGING_SYSTEM, "kafka")
                .setAttribute(SpanAttributes.MESSAGING_DESTINATION, Topics.OUTCOME.name())
                .setAttribute(SpanAttributes.MESSAGING_OPERATION_TYPE, "send")
                .setAttribute(SpanAttributes.INTENT_ID, intent.getIntentId())
                .setAttribute(SpanAttributes.OUTCOME_STATUS, outcome.getStatus().name());
        Future<Void> published;
        try (Scope scope = traced.with(span).makeCurrent()) {
            published = publisher.publish(intent.getAgent().getId(), outcome.getFinishedAt(), new Outcome(intent, decision, outcome));
        }
        published.onComplete(sent -> span.end()).onFailure(e -> {
            metrics.outcomeUnrecorded();
            try (IntentLogFields fields = IntentLogFields.of(intent, traced)) {
                LOG.warn("outcome of intent {} ({}) not recorded: {}", intent.getIntentId(), outcome.getStatus(), e.getMessage());
            }
        });
    }

    /**
     * Hex SHA-256 of the RFC 8785 form of the result, so anyone holding the result can match it to
     * the receipt; none for a result RFC 8785 cannot express (a number beyond IEEE 754 doubles).
     */
    static String digest(JsonObject result) {
        if (result == null) {
            return null;
        }
        try {
            byte[] canonical = new JsonCanonicalizer(result.encode()).getEncodedUTF8();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstText(JsonObject result) {
        JsonArray content = result.getJsonArray("content", new JsonArray());
        for (int i = 0; i < content.size(); i++) {
            if (content.getValue(i) instanceof JsonObject item && item.getValue("text") instanceof String text) {
                return ErrorText.recorded(text);
            }
        }
        return "(no text)";
    }

}
