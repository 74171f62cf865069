package dev.mcpgw.edge.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mcpgw.edge.EdgeMetrics;
import dev.mcpgw.edge.decision.TopicPublisher;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.trace.EdgeTracing;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.kafka.trace.IntentLogFields;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Outcome;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReplyAddress;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.SharedKafka;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A log line about an intent names the intent and its trace in the log's fields: here the line an
 * outcome that could not be recorded leaves, its publisher's producer closed under it.
 */
class OutcomeLogIT {
    private static final String CALL_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    private final Vertx vertx = Vertx.vertx();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(OutcomeRecorder.class);
    private OutcomeRecorder recorder;

    @BeforeEach
    void start() {
        TopicPublisher<Outcome> closed = new TopicPublisher<>(Topics.OUTCOME, SharedKafka.bootstrapServers(), Duration.ofSeconds(5),
                vertx.getOrCreateContext());
        closed.close();
        recorder = new OutcomeRecorder(closed, Clock.systemUTC(), new EdgeMetrics(), EdgeTracing.off());
        lines.start();
        log.addAppender(lines);
    }

    @AfterEach
    void stop() {
        log.detachAppender(lines);
        vertx.close().await();
    }

    private void callEnds(Intent intent) {
        Decision allowed = Decision.newBuilder().setIntentId(intent.getIntentId()).setEffect(Effect.ALLOW).setMatchedRules(List.of("r"))
                .setReasons(List.of("allowed")).setPolicyVersion("v").setReceipt(new ReceiptRef("propose-0", 0L, "00"))
                .setReplyTo(new ReplyAddress("edge", 0)).build();
        recorder.follow(intent, allowed, new Cancellation(), ClientRequests.declaredOnly(new JsonObject()),
                asker -> Future.succeededFuture(new JsonObject().put("content", new JsonArray()).put("isError", false)));
    }

    private Map<String, String> fieldsOfTheLine() {
        assertThat(lines.list).hasSize(1);
        return lines.list.get(0).getMDCPropertyMap();
    }

    @Test
    void shouldLogAnUnrecordedOutcomeWithItsIntentIdAndTheCallsTraceId() {
        // given
        Intent intent = SampleIntents.intent().setIntentId("intent-traced").build();
        SpanContext call = SpanContext.create(CALL_TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());

        // when
        try (Scope scope = Context.root().with(Span.wrap(call)).makeCurrent()) {
            callEnds(intent);
        }

        // then
        assertThat(fieldsOfTheLine()).containsEntry(IntentLogFields.INTENT_ID, "intent-traced").containsEntry(IntentLogFields.TRACE_ID, CALL_TRACE_ID);
        assertThat(MDC.get(IntentLogFields.INTENT_ID)).isNull();
    }

    @Test
    void shouldLogTheTraceTheClientNamedWhenTheCallHasNoSpan() {
        // given
        Intent intent = SampleIntents.intent().setIntentId("intent-of-client-trace")
                .setTraceparent("00-" + CLIENT_TRACE_ID + "-b7ad6b7169203331-01").build();

        // when
        callEnds(intent);

        // then
        assertThat(fieldsOfTheLine()).containsEntry(IntentLogFields.INTENT_ID, "intent-of-client-trace")
                .containsEntry(IntentLogFields.TRACE_ID, CLIENT_TRACE_ID);
    }

    @Test
    void shouldLogNoTraceIdForAnIntentWhoseTraceparentIsNotOne() {
        // given
        Intent intent = SampleIntents.intent().setIntentId("intent-forged-trace").setTraceparent("x").build();

        // when
        callEnds(intent);

        // then
        assertThat(fieldsOfTheLine()).containsEntry(IntentLogFields.INTENT_ID, "intent-forged-trace").doesNotContainKey(IntentLogFields.TRACE_ID);
    }
}
