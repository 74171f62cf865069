package dev.mcpgw.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.kafka.trace.SpanAttributes;
import dev.mcpgw.kafka.trace.TraceHeaders;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.DecisionAuthenticator;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.SecretKeyFile;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.stream.errors.StreamErrorHandlers;
import dev.mcpgw.stream.processor.DecisionSpans;
import dev.mcpgw.stream.processor.PolledOffsets;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The decision stream's spans, driven through the real topology: an evaluation is traced under the
 * span the propose record's headers name, its receipt under the evaluation, and no header, however
 * forged, changes a decision or a receipt.
 */
class DecisionTracingTest {
    private static final SigningKey KEY = SigningKey.generate();
    private static final DecisionAuthenticator AUTHENTICATOR = new DecisionAuthenticator(SecretKeyFile.random());
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PROPOSE_SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PROPOSE_SPAN_ID + "-01";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build();
    private TopologyTestDriver driver;

    @AfterEach
    void close() {
        driver.close();
        telemetry.close();
    }

    /** The real topology with the test policy active, traced by {@code tracing}. */
    private TopologyTestDriver start(OpenTelemetry tracing) {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterReporter reporter = (component, topic, partition, offset, value, reason) -> { };
        DecisionTopology.build(builder, new ChainSettings(KEY, 1000, Duration.ofHours(1)), false, AUTHENTICATOR,
                new VerdictAuthenticator(SecretKeyFile.random()), reporter, (offset, version, problems) -> { }, new PolledOffsets(),
                new DecisionSpans(tracing));
        Properties props = new Properties();
        StreamErrorHandlers.configure(props, reporter);
        // Two drivers may run at once: each its own application id, so each its own state directory.
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tracing-test-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        TopologyTestDriver started = new TopologyTestDriver(builder.build(), props);
        input(started, Topics.POLICY).pipeInput(Topics.ACTIVE_POLICY_KEY, new PolicyDocument("test", DecisionTopologyTest.POLICY, 0L));
        return started;
    }

    private static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    private static Headers headers(String... namesAndValues) {
        Headers headers = new RecordHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static void propose(TopologyTestDriver driver, Intent intent, Headers headers) {
        input(driver, Topics.PROPOSE).pipeInput(new TestRecord<>("agent-a", intent, headers, Instant.ofEpochMilli(intent.getEventTime())));
    }

    private SpanData span(String name) {
        return exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldEvaluateUnderTheSpanThatTheProposeRecordsHeadersName() {
        // given
        driver = start(telemetry);

        // when
        propose(driver, DecisionTopologyTest.intent("i-1", "echo"), headers(TraceHeaders.TRACEPARENT, TRACEPARENT));

        // then
        SpanData evaluate = span("evaluate");
        assertThat(evaluate.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(evaluate.getParentSpanId()).isEqualTo(PROPOSE_SPAN_ID);
        assertThat(evaluate.getAttributes().get(SpanAttributes.INTENT_ID)).isEqualTo("i-1");
        assertThat(evaluate.getAttributes().get(SpanAttributes.EFFECT)).isEqualTo("ALLOW");
        assertThat(evaluate.getAttributes().get(SpanAttributes.RULES)).containsExactly("echo-ok");
        assertThat(evaluate.getAttributes().get(SpanAttributes.POLICY_VERSION)).isNotBlank();
    }

    @Test
    void shouldTraceTheReceiptUnderTheEvaluationWithItsPlaceInTheChain() {
        // given
        driver = start(telemetry);

        // when
        propose(driver, DecisionTopologyTest.intent("i-1", "echo"), headers(TraceHeaders.TRACEPARENT, TRACEPARENT));

        // then
        Receipt receipt = output(driver, Topics.RECEIPT).readValue();
        SpanData append = span("append receipt");
        assertThat(append.getParentSpanId()).isEqualTo(span("evaluate").getSpanId());
        assertThat(append.getAttributes().get(SpanAttributes.RECEIPT_CHAIN)).isEqualTo(receipt.getChain());
        assertThat(append.getAttributes().get(SpanAttributes.RECEIPT_SEQUENCE)).isEqualTo(receipt.getSequence());
    }

    @Test
    void shouldStartANewTraceWhenTheHeadersNameNoWellFormedParent() {
        // given
        driver = start(telemetry);

        // when
        propose(driver, DecisionTopologyTest.intent("i-1", "echo"), headers(TraceHeaders.TRACEPARENT, "00-" + TRACE_ID + "-zz-01",
                TraceHeaders.TRACESTATE, "v=" + "x".repeat(100_000)));

        // then
        SpanData evaluate = span("evaluate");
        assertThat(evaluate.getParentSpanContext().isValid()).isFalse();
        assertThat(evaluate.getTraceId()).isNotEqualTo(TRACE_ID);
        assertThat(evaluate.getAttributes().get(SpanAttributes.EFFECT)).isEqualTo("ALLOW");
    }

    @Test
    void shouldDecideAndReceiptTheSameWhateverTheHeadersSay() {
        // given: one stream reads the intent with forged, repeated and oversized trace headers, another without any
        Intent intent = DecisionTopologyTest.intent("i-1", "echo");
        driver = start(telemetry);
        TopologyTestDriver untraced = start(OpenTelemetry.noop());
        try {
            // when
            propose(driver, intent, headers(TraceHeaders.TRACEPARENT, TRACEPARENT, TraceHeaders.TRACEPARENT, "forged",
                    TraceHeaders.TRACESTATE, "x".repeat(10_000), "mcpgw-effect", "ALLOW"));
            propose(untraced, intent, new RecordHeaders());

            // then
            Decision traced = output(driver, Topics.DECIDE).readValue();
            Receipt tracedReceipt = output(driver, Topics.RECEIPT).readValue();
            assertThat(traced).isEqualTo(output(untraced, Topics.DECIDE).readValue());
            assertThat(tracedReceipt).isEqualTo(output(untraced, Topics.RECEIPT).readValue());
        } finally {
            untraced.close();
        }
    }

    @Test
    void shouldWriteNoTraceHeadersOnDecisionsOrReceipts() {
        // given
        driver = start(telemetry);

        // when
        propose(driver, DecisionTopologyTest.intent("i-1", "echo"), headers(TraceHeaders.TRACEPARENT, TRACEPARENT));

        // then
        assertThat(output(driver, Topics.DECIDE).readRecord().headers().toArray()).isEmpty();
        assertThat(output(driver, Topics.RECEIPT).readRecord().headers().toArray()).isEmpty();
    }
}
