package dev.mcpgw.edge;

import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.OutcomeStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The edge's metrics, served in Prometheus text format at {@code /metrics}. */
public final class EdgeMetrics {
    /**
     * Decisions take a few milliseconds to a few tens, where Micrometer's default buckets are 1.4 to
     * 5.6 ms wide: half-millisecond boundaries up to 10 ms and two more below 22 ms let a quantile
     * read from the buckets tell a 4.5 ms decision from a 5.5 ms one.
     */
    private static final Duration[] DECISION_WAIT_BOUNDARIES = Stream.concat(
            IntStream.rangeClosed(9, 20).mapToObj(halfMillis -> Duration.ofNanos(halfMillis * 500_000L)),
            Stream.of(Duration.ofMillis(18), Duration.ofMillis(20))).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer decisionWait = Timer.builder("mcpgw.decision.wait")
            .description("From proposing a tool call to receiving its decision")
            .publishPercentileHistogram()
            .serviceLevelObjectives(DECISION_WAIT_BOUNDARIES)
            .register(registry);
    /** Counted on every call, so looked up once rather than on each. */
    private final Map<Effect, Counter> decisions = countersOf(Effect.class, "mcpgw.decisions", "Decisions received, by effect", "effect");
    private final Map<OutcomeStatus, Counter> outcomes = countersOf(OutcomeStatus.class, "mcpgw.outcomes", "Forwarded calls that ended, by how", "status");

    private <E extends Enum<E>> Map<E, Counter> countersOf(Class<E> values, String name, String description, String tag) {
        Map<E, Counter> counters = new EnumMap<>(values);
        for (E value : values.getEnumConstants()) {
            counters.put(value, Counter.builder(name).description(description).tag(tag, value.name()).register(registry));
        }
        return Collections.unmodifiableMap(counters);
    }

    public void decided(Effect effect, Duration wait) {
        decisionWait.record(wait);
        decisions.get(effect).increment();
    }

    /** A call refused because no decision could be had (timeout, Kafka failure). */
    public void failedClosed(String reason) {
        Counter.builder("mcpgw.failed.closed").description("Calls refused without a decision, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    /** A call the client cancelled while it waited for its decision: it was never forwarded. */
    public void withdrawn() {
        Counter.builder("mcpgw.withdrawn").description("Calls cancelled by the client before their decision")
                .register(registry).increment();
    }

    public void outcome(OutcomeStatus status) {
        outcomes.get(status).increment();
    }

    /** An outcome the edge could not publish: its call has a decision receipt but no outcome receipt. */
    public void outcomeUnrecorded() {
        Counter.builder("mcpgw.outcomes.unrecorded").description("Outcomes that could not be published to gateway.outcome")
                .register(registry).increment();
    }

    /** A decide record whose authenticator did not verify: it was ignored, and its call forwarded on nothing. */
    public void forgedDecision() {
        Counter.builder("mcpgw.decisions.forged").description("Decide records refused because their authenticator did not verify")
                .register(registry).increment();
    }

    /** A record written to gateway.audit, by the kind of refusals it stands for. */
    public void refusalRecorded(String kind) {
        Counter.builder("mcpgw.audit.records").description("Records written to gateway.audit (each stands for one or more refusals), by kind")
                .tag("kind", kind).register(registry).increment();
    }

    /** A record gateway.audit did not take: the refusals it stood for are only in the logs and metrics. */
    public void refusalUnrecorded() {
        Counter.builder("mcpgw.audit.unrecorded").description("Records the edge could not write to gateway.audit")
                .register(registry).increment();
    }

    /** A request whose credential was refused (401, or 503 when a token's keys could not be had), by how it came and why. */
    public void authenticationRefused(String method, String reason) {
        Counter.builder("mcpgw.authentication.refused").description("Requests refused because their credential was missing or not valid, by method and reason")
                .tag("method", method).tag("reason", reason).register(registry).increment();
    }

    /** A listen or standalone stream ended because its client left its messages unread until the write queue filled. */
    public void slowListenerCut() {
        Counter.builder("mcpgw.listen.streams.cut").description("Listen and standalone streams ended because their client stopped reading")
                .register(registry).increment();
    }

    /** A tool server the edge starts again (stdio) or reconnects to (HTTP) when it is lost: whether it is up, and each restart. */
    public void toolServer(String server, BooleanSupplier up) {
        Gauge.builder("mcpgw.tool.server.up", () -> up.getAsBoolean() ? 1 : 0).description("1 while the tool server is up, 0 while it is down (being restarted, or an HTTP server unreachable)")
                .tag("server", server).register(registry);
    }

    public void toolServerRestarted(String server) {
        Counter.builder("mcpgw.tool.server.restarts").description("Times a lost tool server was started again")
                .tag("server", server).register(registry).increment();
    }

    /** A message a tool server sent over its cap (mcpServers.NAME.maxMessageBytes): not read on, its call failed. */
    public void toolServerMessageTooLarge(String server) {
        Counter.builder("mcpgw.tool.server.messages.too.large").description("Messages a tool server sent over its maxMessageBytes, not read on")
                .tag("server", server).register(registry).increment();
    }

    /** A pinned tool's definition changed, and is held back until accepted. */
    public void toolDefinitionChanged(String server) {
        Counter.builder("mcpgw.tool.definition.changes").description("Changes to pinned tool definitions detected, held back until accepted")
                .tag("server", server).register(registry).increment();
    }

    /** A tool whose text is aimed at the model, and what was done with it: withheld, sanitised or allowed. */
    public void toolFlagged(String server, String action) {
        Counter.builder("mcpgw.tool.definitions.flagged").description("Tool definitions flagged for text aimed at the model, by what was done")
                .tag("server", server).tag("action", action).register(registry).increment();
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** Serves {@code binder}'s meters here too: the all-in-one gateway's other parts (its decision stream) have no /metrics of their own. */
    public void bind(MeterBinder binder) {
        binder.bindTo(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
